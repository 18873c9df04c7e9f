using System.ComponentModel.DataAnnotations;
using MetalLb.Domain.Validation;

namespace MetalLb.Allocator;

/// <summary>Settings of the allocator, section <c>Allocator</c>.</summary>
public sealed class AllocatorOptions
{
    public const string SectionName = "Allocator";

    /// <summary>The MetalLB namespace: where the metallb.io objects, the Lease and ConfigurationState live.</summary>
    [Required]
    [MinLength(1)]
    public string Namespace { get; set; } = ValidationOptions.DefaultNamespace;

    /// <summary>The <c>spec.loadBalancerClass</c> served; null serves only Services without a class (METALLB-SPEC §2.3).</summary>
    public string? LoadBalancerClass { get; set; }

    /// <summary>The BGP backend the announcers run (<c>native</c> or <c>frr</c>); some validation rules depend on it.</summary>
    [EnumDataType(typeof(BgpBackend))]
    public BgpBackend BgpMode { get; set; } = BgpBackend.Native;

    /// <summary>
    /// Whether MetalLB's legacy ConfigMap <c>config</c> in <see cref="Namespace"/> is read (live, converted as
    /// <c>metallb-svc convert</c> converts it) and merged with the metallb.io objects. Needs get/list/watch on ConfigMaps
    /// in the namespace; turn it off where that is not granted, or the cache never syncs.
    /// </summary>
    public bool LegacyConfigMap { get; set; } = true;

    /// <summary>Whether replicas elect a leader on a Lease; off, this instance always acts (one replica only).</summary>
    public bool LeaderElection { get; set; } = true;

    /// <summary>The name of the <c>coordination.k8s.io</c> Lease in <see cref="Namespace"/>.</summary>
    [Required]
    [MinLength(1)]
    public string LeaseName { get; set; } = "metallb-svc-allocator";

    /// <summary>This replica's identity in the Lease; the host name plus a random suffix when empty.</summary>
    public string? Identity { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often every Service is reconciled again even when nothing changed (drift repair).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the leader publishes a <c>PlanDigest</c>, so an announcer that missed messages notices and resyncs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many Services' writes (status, annotation, Events) may be in flight at once while a new term restores every
    /// Service: on a first start over thousands of Services the writes, not the decisions, are the time.
    /// </summary>
    [Range(1, 64)]
    public int WriteConcurrency { get; set; } = 8;

    /// <summary>The rule settings these options imply.</summary>
    /// <remarks>
    /// Pod-security labels on the MetalLB namespace are an install-time check (CLI, webhook); here a missing label is a
    /// warning, so allocation never stops over a label.
    /// </remarks>
    public ValidationOptions ToValidationOptions() =>
        new() { MetalLbNamespace = Namespace, BgpBackend = BgpMode, PodSecurityLabelsRequired = false };
}
