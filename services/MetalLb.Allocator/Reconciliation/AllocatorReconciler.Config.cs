using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MetalLb.Domain.Config;
using MetalLb.Domain.Validation;
using MetalLb.Kubernetes.Legacy;
using DomainAllocator = MetalLb.Domain.Allocation.Allocator;

namespace MetalLb.Allocator.Reconciliation;

public sealed partial class AllocatorReconciler
{
    private IReadOnlySet<string> _legacyPools = new HashSet<string>();

    /// <summary>Validates the union when it changed; applies it only when valid (the last good one stays otherwise).</summary>
    private async Task<ConfigPass> ApplyConfigAsync(ConfigSource snapshot, CancellationToken cancellationToken)
    {
        var fingerprint = ConfigFingerprint(snapshot);
        if (fingerprint == _configFingerprint)
        {
            return ConfigPass.None;
        }

        _configFingerprint = fingerprint;
        var merged = LegacyConfigMerge.Merge(snapshot with { Services = [], EndpointSlices = [] }, options.Namespace);
        var result = ConfigValidator.Validate(merged.Objects, options.ToValidationOptions());
        if (merged.Errors.Count > 0 || !result.IsValid || result.Config is null)
        {
            Counts.ConfigProcessed(valid: false);
            _configStale = true;
            var summary = string.Join("\n", merged.Errors.Concat(result.Errors.Select(e => Describe(e, merged))));
            AllocatorLog.ConfigInvalid(logger, _allocator is not null, summary);
            await ReportAsync(new ConfigurationReport(false, summary), cancellationToken).ConfigureAwait(false);
            return ConfigPass.None;
        }

        Counts.ConfigProcessed(valid: true);
        _configStale = false;
        _legacyPools = merged.LegacyPools;
        var labels = snapshot.Namespaces.ToDictionary(
            n => n.Metadata.Name, n => n.Metadata.Labels, StringComparer.Ordinal);
        IReadOnlyList<string> reprocess = [];
        if (_allocator is null)
        {
            _allocator = new DomainAllocator(result.Config, labels, options.LoadBalancerClass);
        }
        else
        {
            var change = _allocator.SetConfig(result.Config, labels);
            foreach (var dropped in change.Dropped)
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var text = dropped.ToString();
                    AllocatorLog.AllocationDropped(logger, dropped.ServiceKey, text);
                }
            }

            reprocess = change.ServicesToReprocess;
        }

        _config = result.Config;
        AllocatorLog.ConfigApplied(logger, result.Config.Pools.Count, reprocess.Count);
        await ReportAsync(ConfigurationReport.Ok, cancellationToken).ConfigureAwait(false);
        return new ConfigPass(true, reprocess);
    }

    /// <summary>A problem of an object converted from the legacy ConfigMap names the ConfigMap and the line it came from.</summary>
    private static string Describe(ValidationProblem problem, LegacyMergeResult merged) =>
        merged.IsLegacy(problem.Object.Source) ? $"{problem.Object.Source}: {problem}" : problem.ToString();

    private async Task ReportAsync(ConfigurationReport report, CancellationToken cancellationToken)
    {
        if (report == _reported)
        {
            return;
        }

        try
        {
            await configurationStateWriter.WriteAsync(report, cancellationToken).ConfigureAwait(false);
            _reported = report;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _configFingerprint = null;
            HasFailures = true;
            AllocatorLog.ConfigurationStateFailed(logger, ex);
        }
    }

    /// <summary>
    /// What the configuration depends on: every metallb.io object, the legacy ConfigMap, Namespace labels and Nodes
    /// (peer rules).
    /// </summary>
    private static string ConfigFingerprint(ConfigSource snapshot)
    {
        var text = new StringBuilder();
        // A metallb.io object counts by its generation and labels (ipAddressPoolSelectors match labels), so the
        // allocator's own pool status writes, which change the resourceVersion, do not look like a new configuration.
        foreach (var o in snapshot.MetalLbObjects)
        {
            text.Append(o.Kind).Append('/').Append(o.Metadata.Name).Append('@');
            if (o.Metadata.Generation is { } generation)
            {
                text.Append('g').Append(generation.ToString(CultureInfo.InvariantCulture));
                foreach (var label in o.Metadata.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
                {
                    text.Append(',').Append(label.Key).Append('=').Append(label.Value);
                }
            }
            else
            {
                text.Append(VersionOf(o, o.Metadata));
            }

            text.Append(';');
        }

        foreach (var c in snapshot.LegacyConfigMaps)
        {
            text.Append("cm/").Append(c.Metadata.Namespace).Append('/').Append(c.Metadata.Name).Append('@')
                .Append(VersionOf(c, c.Metadata)).Append(';');
        }

        foreach (var n in snapshot.Namespaces)
        {
            text.Append("ns/").Append(n.Metadata.Name).Append('@').Append(VersionOf(n, n.Metadata)).Append(';');
        }

        foreach (var n in snapshot.Nodes)
        {
            text.Append("node/").Append(n.Metadata.Name);
            foreach (var label in n.Metadata.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                text.Append(',').Append(label.Key).Append('=').Append(label.Value);
            }

            text.Append(';');
        }

        return text.ToString();
    }

    /// <summary>
    /// The resourceVersion; objects read from manifests have none, and there a new object instance means a new version
    /// (the cache keeps the instance of an unchanged object).
    /// </summary>
    private static string VersionOf(object value, ObjectMeta meta) =>
        meta.ResourceVersion ?? "#" + RuntimeHelpers.GetHashCode(value).ToString(CultureInfo.InvariantCulture);
}
