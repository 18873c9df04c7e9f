namespace MetalLb.Cli.Tests.Lab;

/// <summary>Small manifests for the lab tests, documentation ranges only.</summary>
internal static class LabYaml
{
    public static string Pool(string name, string addresses) => $"""
        ---
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata:
          name: {name}
          namespace: metallb-system
        spec:
          addresses:
            - {addresses}

        """;

    public static string L2Ad(string name) => $"""
        ---
        apiVersion: metallb.io/v1beta1
        kind: L2Advertisement
        metadata:
          name: {name}
          namespace: metallb-system

        """;

    public static string Service(string name, string? loadBalancerIp = null) => $"""
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: default
          {(loadBalancerIp is null ? "" : $"annotations: {{metallb.io/loadBalancerIPs: \"{loadBalancerIp}\"}}")}
        spec:
          type: LoadBalancer
          ports:
            - port: 80

        """;
}
