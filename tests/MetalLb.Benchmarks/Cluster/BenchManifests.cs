using k8s.Models;

namespace MetalLb.Benchmarks.Cluster;

/// <summary>The objects the benchmarks create: MetalLB's namespace, a pool with its L2Advertisement, Nodes and Services.</summary>
internal static class BenchManifests
{
    public const string MetalLbNamespace = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: metallb-system
          labels:
            pod-security.kubernetes.io/enforce: privileged
            pod-security.kubernetes.io/audit: privileged
            pod-security.kubernetes.io/warn: privileged

        """;

    public const string ServiceNamespace = "default";

    public static string Pool(string addresses) => $"""
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata:
          name: bench
          namespace: metallb-system
        spec:
          addresses: ["{addresses}"]
        ---
        apiVersion: metallb.io/v1beta1
        kind: L2Advertisement
        metadata:
          name: bench
          namespace: metallb-system
        spec:
          ipAddressPools: [bench]

        """;

    public static string Node(string name) => $"""
        apiVersion: v1
        kind: Node
        metadata:
          name: {name}
          labels:
            kubernetes.io/hostname: {name}

        """;

    /// <summary>A LoadBalancer Service with one port, as <c>kubectl create service loadbalancer</c> would make it.</summary>
    public static V1Service Service(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ServiceNamespace, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1ServiceSpec
        {
            Type = "LoadBalancer",
            Selector = new Dictionary<string, string> { ["app"] = name },
            Ports = [new V1ServicePort { Name = "http", Port = 80, Protocol = "TCP" }],
        },
    };
}
