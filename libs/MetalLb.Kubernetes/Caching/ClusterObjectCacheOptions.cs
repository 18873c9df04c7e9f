namespace MetalLb.Kubernetes.Caching;

/// <summary>What <see cref="ClusterObjectCache"/> lists and watches.</summary>
public sealed record ClusterObjectCacheOptions
{
    public const string SectionName = "ClusterObjectCache";

    /// <summary>The namespace holding the metallb.io objects; objects of those kinds elsewhere are not read.</summary>
    public string Namespace { get; set; } = "metallb-system";

    /// <summary>Whether Services (all namespaces) are cached; the webhook and the allocator need them.</summary>
    public bool IncludeServices { get; set; } = true;

    /// <summary>Whether Nodes are cached; node selectors of advertisements and peers need them.</summary>
    public bool IncludeNodes { get; set; } = true;

    /// <summary>
    /// Also cache EndpointSlices of every namespace (discovery.k8s.io/v1 where served, v1beta1 otherwise); the allocator
    /// needs them for announcement plans, the webhook does not.
    /// </summary>
    public bool IncludeEndpointSlices { get; set; }

    /// <summary>
    /// Also cache MetalLB's legacy ConfigMap <c>config</c> in <see cref="Namespace"/> (only that one object: a field
    /// selector on its name); the allocator converts it live.
    /// </summary>
    public bool IncludeLegacyConfigMap { get; set; }

    /// <summary>
    /// Also cache the Secrets of <see cref="Namespace"/> (only their type and <c>password</c> key), so a BGPPeer's
    /// <c>passwordSecret</c> is read live; the allocator needs them, nothing else does.
    /// </summary>
    public bool IncludeSecrets { get; set; }

    /// <summary>
    /// How long one watch request lasts before the API server ends it and the cache resumes from the last seen
    /// resourceVersion. The client gives up on a watch that outlives this by a minute (a half-open connection).
    /// </summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
