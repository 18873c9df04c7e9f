using System.Diagnostics.CodeAnalysis;
using k8s.Models;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Entities;

namespace MetalLb.Kubernetes.Caching;

/// <summary>
/// Maps core/v1 Namespaces, Nodes, Services and the legacy ConfigMap from KubernetesClient onto the domain records with the same
/// semantics as the manifest reader applies to the same objects written as YAML or JSON.
/// </summary>
public static class CoreObjectMapper
{
    private const string None = "None";
    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = new Dictionary<string, string>();

    /// <summary>Name and labels are all MetalLB reads of a Namespace.</summary>
    public static NamespaceInfo ToDomain(V1Namespace value) => new(ObjectMetaMapper.ToDomain(value.Metadata));

    /// <summary>Metadata, and whether the <c>NetworkUnavailable</c> condition is <c>True</c>.</summary>
    public static NodeInfo ToDomain(V1Node value) => new(ObjectMetaMapper.ToDomain(value.Metadata))
    {
        NetworkUnavailable = value.Status?.Conditions?.Any(c => c.Type == "NetworkUnavailable" && c.Status == "True") == true,
    };

    /// <summary>Metadata and the <c>config</c> key of MetalLB's legacy ConfigMap (the rest of its data is not read).</summary>
    public static LegacyConfigMap ToDomain(V1ConfigMap value) => new(
        ObjectMetaMapper.ToDomain(value.Metadata),
        value.Data?.TryGetValue(LegacyConfigMap.ConfigKey, out var config) == true ? config : null);

    /// <summary>
    /// Type and the <c>password</c> key (UTF-8) only: a Secret's other data is never kept, nor are its annotations —
    /// <c>kubectl apply</c> leaves the whole Secret, data included, in <c>last-applied-configuration</c>. Kubernetes
    /// defaults an unset type to <c>Opaque</c>.
    /// </summary>
    public static SecretInfo ToDomain(V1Secret value) => new(ObjectMetaMapper.ToDomain(value.Metadata) with { Annotations = NoAnnotations })
    {
        Type = string.IsNullOrEmpty(value.Type) ? "Opaque" : value.Type,
        Password = value.Data?.TryGetValue(SecretInfo.PasswordKey, out var bytes) == true && bytes is not null
            ? System.Text.Encoding.UTF8.GetString(bytes)
            : null,
    };

    /// <summary>
    /// The Service with Kubernetes' defaults applied, or null when its <c>spec.externalTrafficPolicy</c> is neither
    /// <c>Cluster</c> nor <c>Local</c> (the manifest reader reports such a Service as a problem and drops it).
    /// </summary>
    public static ServiceInfo? ToDomain(V1Service value) => TryToDomain(value, out var service, out _) ? service : null;

    internal static bool TryToDomain(V1Service value, [NotNullWhen(true)] out ServiceInfo? service, [NotNullWhen(false)] out string? problem)
    {
        var spec = value.Spec ?? new V1ServiceSpec();
        var trafficPolicy = string.IsNullOrEmpty(spec.ExternalTrafficPolicy) ? "Cluster" : spec.ExternalTrafficPolicy;
        if (trafficPolicy is not ("Cluster" or "Local"))
        {
            service = null;
            problem = $"spec.externalTrafficPolicy: unsupported value \"{trafficPolicy}\": supported values: \"Cluster\", \"Local\"";
            return false;
        }

        service = new ServiceInfo(ObjectMetaMapper.ToDomain(value.Metadata))
        {
            Type = string.IsNullOrEmpty(spec.Type) ? "ClusterIP" : spec.Type,
            ClusterIPs = ClusterIPs(spec),
            IpFamilies = [.. spec.IpFamilies ?? []],
            IpFamilyPolicy = spec.IpFamilyPolicy,
            LoadBalancerIP = spec.LoadBalancerIP,
            LoadBalancerClass = spec.LoadBalancerClass,
            ExternalTrafficPolicy = trafficPolicy,
            Ports = [.. (spec.Ports ?? []).Select(p => new ServicePort(string.IsNullOrEmpty(p.Protocol) ? "TCP" : p.Protocol, p.Port))],
            Selector = spec.Selector is null ? null : new Dictionary<string, string>(spec.Selector, StringComparer.Ordinal),
            IngressIPs = [.. (value.Status?.LoadBalancer?.Ingress ?? [])
                .Select(i => i.Ip).OfType<string>().Where(ip => ip.Length > 0)],
        };
        problem = null;
        return true;
    }

    /// <summary>
    /// <c>spec.clusterIPs</c> when set, else <c>spec.clusterIP</c>; headless (<c>None</c>) and empty entries are not
    /// addresses.
    /// </summary>
    private static string[] ClusterIPs(V1ServiceSpec spec)
    {
        IEnumerable<string> ips = spec.ClusterIPs is { Count: > 0 } list ? list : spec.ClusterIP is { } single ? [single] : [];
        return [.. ips.Where(ip => ip.Length > 0 && ip != None)];
    }
}
