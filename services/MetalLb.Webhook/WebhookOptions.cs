using System.ComponentModel.DataAnnotations;
using MetalLb.Domain.Validation;

namespace MetalLb.Webhook;

/// <summary>Settings of the admission webhook, section <c>Webhook</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhook";

    /// <summary>The largest request body accepted; the API server limits objects to 3 MiB (etcd's default).</summary>
    public const int DefaultMaxRequestBytes = 3 * 1024 * 1024;

    /// <summary>Command-line switches mapped onto this section (<c>--manifests DIR</c> → <c>Webhook:Manifests</c>).</summary>
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--manifests"] = $"{SectionName}:{nameof(Manifests)}",
        ["--namespace"] = $"{SectionName}:{nameof(Namespace)}",
        ["--bgp-mode"] = $"{SectionName}:{nameof(BgpMode)}",
        ["--lb-class"] = $"{SectionName}:{nameof(LoadBalancerClass)}",
    };

    /// <summary>The MetalLB namespace: where metallb.io objects must live and whose pod-security labels are guarded.</summary>
    [Required]
    [MinLength(1)]
    public string Namespace { get; set; } = ValidationOptions.DefaultNamespace;

    /// <summary>The BGP backend the announcers run (<c>native</c> or <c>frr</c>); some rules depend on it.</summary>
    [EnumDataType(typeof(BgpBackend))]
    public BgpBackend BgpMode { get; set; } = BgpBackend.Native;

    /// <summary>
    /// The <c>spec.loadBalancerClass</c> served; null serves only Services without a class (METALLB-SPEC §2.3).
    /// </summary>
    public string? LoadBalancerClass { get; set; }

    /// <summary>
    /// A directory (or one file) of manifests to take the current objects from instead of an API server (the embedded
    /// default).
    /// </summary>
    public string? Manifests { get; set; }

    /// <summary>
    /// The plain-HTTP port Prometheus scrapes (7474 in deploy/ and the chart): it serves <c>/metrics</c>, <c>/healthz</c>
    /// and <c>/readyz</c> only; admission and conversion requests arriving on it are answered 404. Unset, every listener
    /// serves every path.
    /// </summary>
    [Range(1, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>Request bodies larger than this are refused with 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>How long the manifest directory must be quiet before it is read again after a change.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ManifestReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The rule settings these options imply.</summary>
    public ValidationOptions ToValidationOptions() => new() { MetalLbNamespace = Namespace, BgpBackend = BgpMode };
}
