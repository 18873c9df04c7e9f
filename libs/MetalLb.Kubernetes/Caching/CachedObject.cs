namespace MetalLb.Kubernetes.Caching;

/// <summary>One object as the cache holds it: its <c>namespace/name</c> key, resourceVersion and domain value.</summary>
internal sealed record CachedObject(string Key, string? ResourceVersion, object Value)
{
    /// <summary><c>namespace/name</c>, or just the name for cluster-scoped objects.</summary>
    public static string KeyOf(string? @namespace, string? name) =>
        string.IsNullOrEmpty(@namespace) ? name ?? "" : $"{@namespace}/{name}";
}
