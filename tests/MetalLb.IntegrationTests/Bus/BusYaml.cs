namespace MetalLb.IntegrationTests.Bus;

/// <summary>Manifests of the bus scenarios that the allocator scenarios do not need.</summary>
internal static class BusYaml
{
    /// <summary>A LoadBalancer Service that asks for <paramref name="ip"/>: changing the IP changes its plan.</summary>
    public static string ServiceWithIp(string name, string ip) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: default
          annotations:
            metallb.io/loadBalancerIPs: {ip}
        spec:
          type: LoadBalancer
          selector:
            app: {name}
          ports:
          - port: 80
        """;
}
