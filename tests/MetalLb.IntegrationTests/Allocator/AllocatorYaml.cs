namespace MetalLb.IntegrationTests.Allocator;

/// <summary>Manifests for the allocator scenarios.</summary>
internal static class AllocatorYaml
{
    /// <summary>The MetalLB namespace with the pod-security labels the webhook would add (a validation rule needs them).</summary>
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

    public static string Pool(string name, string addresses) => $"""
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata:
          name: {name}
          namespace: metallb-system
        spec:
          addresses: ["{addresses}"]
        ---
        apiVersion: metallb.io/v1beta1
        kind: L2Advertisement
        metadata:
          name: l2-{name}
          namespace: metallb-system
        spec:
          ipAddressPools: [{name}]
        """;

    /// <summary>
    /// A LoadBalancer Service; with <paramref name="ip"/> it asks for that IP (changing it changes its plan), with
    /// <paramref name="pool"/> for an IP from that pool.
    /// </summary>
    public static string Service(string name, string? ip = null, string? pool = null) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: default
          annotations: {"{" + string.Join(", ", new[] { ip is null ? null : $"metallb.io/loadBalancerIPs: \"{ip}\"", pool is null ? null : $"metallb.io/address-pool: {pool}" }.OfType<string>()) + "}"}
        spec:
          type: LoadBalancer
          selector:
            app: {name}
          ports:
          - port: 80
        """;

    public static string Node(string name) => $"""
        apiVersion: v1
        kind: Node
        metadata:
          name: {name}
          labels:
            kubernetes.io/hostname: {name}
        """;

    /// <summary>A v1beta1 slice: the 1.20 server serves no other version; the node is in its topology.</summary>
    public static string EndpointSlice(string service, string node) => $"""
        apiVersion: discovery.k8s.io/v1beta1
        kind: EndpointSlice
        metadata:
          name: {service}-abc
          namespace: default
          labels:
            kubernetes.io/service-name: {service}
        addressType: IPv4
        ports:
        - port: 80
          protocol: TCP
        endpoints:
        - addresses: ["10.244.0.5"]
          conditions:
            ready: true
          topology:
            kubernetes.io/hostname: {node}
        """;
}
