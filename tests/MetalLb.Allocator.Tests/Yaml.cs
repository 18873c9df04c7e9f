namespace MetalLb.Allocator.Tests;

/// <summary>Manifests the tests share.</summary>
internal static class Yaml
{
    public static string Pool(string name, string addresses) => $"""
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata:
          name: {name}
          namespace: metallb-system
        spec:
          addresses: [{addresses}]
        ---
        apiVersion: metallb.io/v1beta1
        kind: L2Advertisement
        metadata:
          name: l2-{name}
          namespace: metallb-system
        spec:
          ipAddressPools: [{name}]
        """;

    public static string Service(string name, string clusterIp, string? ingress = null, string? pool = null)
    {
        var lines = new List<string>
        {
            "apiVersion: v1",
            "kind: Service",
            "metadata:",
            $"  name: {name}",
            "  namespace: default",
        };
        if (pool is not null)
        {
            lines.Add("  annotations:");
            lines.Add($"    metallb.io/ip-allocated-from-pool: {pool}");
        }

        lines.AddRange(["spec:", "  type: LoadBalancer", $"  clusterIP: {clusterIp}", "  ports:", "  - port: 80"]);
        if (ingress is not null)
        {
            lines.AddRange(["status:", "  loadBalancer:", "    ingress:", $"    - ip: {ingress}"]);
        }

        return string.Join("\n", lines) + "\n";
    }
}
