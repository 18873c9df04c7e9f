using System.Text.Json;
using System.Text.Json.Nodes;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests;

public class ManifestReaderObjectTests
{
    private const string Pool = """
        {"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"p","namespace":"metallb-system","labels":null},
         "spec":{"addresses":["10.0.0.0/24"],"autoAssign":null,"avoidBuggyIPs":true}}
        """;

    [Fact]
    public void ReadObject_GivesWhatReadTextGives_AndLeavesTheTreeAlone()
    {
        var tree = JsonNode.Parse(Pool)!.AsObject();
        var before = tree.ToJsonString();

        var fromTree = ManifestReader.ReadObject(tree, "admission");
        var fromText = ManifestReader.ReadText(Pool, "admission");

        Assert.Equal(before, tree.ToJsonString());
        Assert.Empty(fromTree.Problems);
        Assert.Equal(JsonSerializer.Serialize(fromText.Objects.Pools.Single()), JsonSerializer.Serialize(fromTree.Objects.Pools.Single()));
    }

    [Fact]
    public void ReadObject_WhenAFieldHasTheWrongType_ReportsItsPath()
    {
        var tree = JsonNode.Parse(Pool.Replace("\"avoidBuggyIPs\":true", "\"avoidBuggyIPs\":\"yes\"", StringComparison.Ordinal))!.AsObject();

        var problem = Assert.Single(ManifestReader.ReadObject(tree, "admission").Problems);

        Assert.Equal("spec.avoidBuggyIPs", problem.Field);
    }
}
