using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MetalLb.Allocator.Reconciliation;

namespace MetalLb.Allocator.Adapters;

/// <summary>
/// Writes the <c>controller</c> ConfigurationState (METALLB-SPEC §1.9): condition <c>poolReconcilerValid</c>, result
/// and errorSummary, through the status subresource; the object is created first when it is missing (self-heal).
/// </summary>
internal sealed class KubernetesConfigurationStateWriter(IKubernetes client, AllocatorOptions options, TimeProvider timeProvider)
    : IConfigurationStateWriter
{
    public const string Group = "metallb.io";
    public const string Version = "v1beta1";
    public const string Plural = "configurationstates";
    public const string ObjectName = "controller";
    public const string ConditionType = "poolReconcilerValid";

    public async Task WriteAsync(ConfigurationReport report, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(StatusPatch(report, timeProvider.GetUtcNow()).ToJsonString(), V1Patch.PatchType.MergePatch);
        try
        {
            await PatchAsync(patch, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ConflictRetry.IsNotFound(ex))
        {
            await CreateAsync(cancellationToken).ConfigureAwait(false);
            await PatchAsync(patch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The condition message when all is well: the API server turns an empty string into null and refuses it.</summary>
    public const string ValidMessage = "the configuration is valid and applied";

    /// <remarks>A valid report removes <c>errorSummary</c> (null in a merge patch) for the same reason.</remarks>
    internal static JsonObject StatusPatch(ConfigurationReport report, DateTimeOffset now) => new()
    {
        ["status"] = new JsonObject
        {
            ["result"] = report.Valid ? "Valid" : "Invalid",
            ["errorSummary"] = report.Valid ? null : report.ErrorSummary,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = ConditionType,
                ["status"] = report.Valid ? "True" : "False",
                ["reason"] = report.Valid ? "Reconciled" : "ConfigurationError",
                ["message"] = report.Valid ? ValidMessage : report.ErrorSummary,
                ["lastTransitionTime"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            }),
        },
    };

    private Task PatchAsync(V1Patch patch, CancellationToken cancellationToken) =>
        client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            patch, Group, Version, options.Namespace, Plural, ObjectName, cancellationToken: cancellationToken);

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = $"{Group}/{Version}",
            ["kind"] = "ConfigurationState",
            ["metadata"] = new JsonObject
            {
                ["name"] = ObjectName,
                ["namespace"] = options.Namespace,
                ["labels"] = new JsonObject { ["metallb.io/component-type"] = "controller" },
            },
        };
        try
        {
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(
                body, Group, Version, options.Namespace, Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ConflictRetry.IsConflict(ex))
        {
            // Created meanwhile (AlreadyExists is a 409): the patch that follows updates it.
        }
    }
}
