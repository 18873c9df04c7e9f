using System.Text;
using System.Text.Json.Nodes;

namespace MetalLb.Benchmarks.Webhook;

/// <summary>
/// An AdmissionReview v1 as the API server sends it for <c>kubectl create</c> of IPAddressPool <c>load-{n}</c>, which
/// owns the n-th /28 of 10.128.0.0/9: unique per request and clear of every existing pool, so it is allowed.
/// </summary>
internal static class PoolCreateReview
{
    public const string Path = "/validate-metallb-io-v1beta1-ipaddresspool?timeout=10s";

    public static byte[] For(int n) => Encoding.UTF8.GetBytes(Node(n).ToJsonString());

    public static string Uid(int n) => $"00000000-0000-4000-8000-{n:x12}";

    private static JsonObject Node(int n)
    {
        var name = $"load-{n}";
        var address = $"10.{128 + ((n >> 12) & 127)}.{(n >> 4) & 255}.{(n & 15) * 16}/28";
        var kind = new JsonObject { ["group"] = "metallb.io", ["version"] = "v1beta1", ["kind"] = "IPAddressPool" };
        var resource = new JsonObject { ["group"] = "metallb.io", ["version"] = "v1beta1", ["resource"] = "ipaddresspools" };
        var request = new JsonObject
        {
            ["uid"] = Uid(n),
            ["kind"] = kind,
            ["resource"] = resource,
            ["requestKind"] = kind.DeepClone(),
            ["requestResource"] = resource.DeepClone(),
            ["name"] = name,
            ["namespace"] = LoadManifests.Namespace,
            ["operation"] = "CREATE",
            ["userInfo"] = new JsonObject { ["username"] = "admin", ["groups"] = new JsonArray("system:masters", "system:authenticated") },
            ["object"] = new JsonObject
            {
                ["apiVersion"] = "metallb.io/v1beta1",
                ["kind"] = "IPAddressPool",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = LoadManifests.Namespace },
                ["spec"] = new JsonObject { ["addresses"] = new JsonArray(address) },
            },
            ["oldObject"] = null,
            ["dryRun"] = false,
            ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = "CreateOptions" },
        };
        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request };
    }
}
