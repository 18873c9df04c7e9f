using System.Text;
using System.Text.Json.Nodes;
using MetalLb.Webhook.Certificates;

namespace MetalLb.Webhook.Tests.Certificates;

public sealed class CaBundlePatchTests
{
    private static readonly byte[] Bundle = Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\nnew\n-----END CERTIFICATE-----\n");

    [Fact]
    public void Build_WhenEveryCaBundleIsCurrent_ReturnsNothing()
    {
        var patch = CaBundlePatch.Build("7", [("/webhooks/0/clientConfig", Bundle), ("/webhooks/1/clientConfig", Bundle)], Bundle);

        Assert.Null(patch);
    }

    [Fact]
    public void Build_SetsOnlyDifferingCaBundlesAndGuardsTheResourceVersion()
    {
        var patch = CaBundlePatch.Build(
            "7",
            [("/webhooks/0/clientConfig", Bundle), ("/webhooks/1/clientConfig", null), ("/webhooks/2/clientConfig", [1, 2, 3])],
            Bundle);

        var operations = JsonNode.Parse(patch!)!.AsArray();
        Assert.Equal(3, operations.Count);
        Assert.Equal("test", (string?)operations[0]!["op"]);
        Assert.Equal("/metadata/resourceVersion", (string?)operations[0]!["path"]);
        Assert.Equal("7", (string?)operations[0]!["value"]);
        Assert.Equal("/webhooks/1/clientConfig/caBundle", (string?)operations[1]!["path"]);
        Assert.Equal("/webhooks/2/clientConfig/caBundle", (string?)operations[2]!["path"]);
        Assert.Equal(Bundle, Convert.FromBase64String((string)operations[2]!["value"]!));
        Assert.All(operations.Skip(1), o => Assert.Equal("add", (string?)o!["op"]));
    }
}
