using System.Text;

namespace MetalLb.Benchmarks.Webhook;

/// <summary>
/// The webhook's current objects for the load run: the MetalLB Namespace and N IPAddressPools, pool i owning
/// 10.{i / 256}.{i % 256}.0/28, so none overlaps another or any pool a load request creates (those live in 10.128/9).
/// </summary>
internal static class LoadManifests
{
    public const string Namespace = "metallb-system";

    public static void Write(string directory, int pools)
    {
        File.WriteAllText(Path.Combine(directory, "namespace.yaml"), $"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: {Namespace}
              labels:
                pod-security.kubernetes.io/enforce: privileged
                pod-security.kubernetes.io/audit: privileged
                pod-security.kubernetes.io/warn: privileged

            """);

        var text = new StringBuilder();
        for (var i = 0; i < pools; i++)
        {
            text.Append($"""
                ---
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata:
                  name: existing-{i}
                  namespace: {Namespace}
                spec:
                  addresses:
                  - 10.{i / 256}.{i % 256}.0/28

                """);
        }

        File.WriteAllText(Path.Combine(directory, "pools.yaml"), text.ToString());
    }
}
