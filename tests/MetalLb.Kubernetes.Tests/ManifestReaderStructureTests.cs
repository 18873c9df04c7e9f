using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests;

public class ManifestReaderStructureTests
{
    [Fact]
    public void ReadText_MultiDocumentWithEmptyDocuments_ReadsEachObjectInOrder()
    {
        const string yaml = """
            ---
            ---
            # only a comment
            ---
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: a}
            spec: {addresses: [10.0.0.0/24]}
            ---
            ~
            ---
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: b}
            ...
            ---
            apiVersion: metallb.io/v1beta1
            kind: L2Advertisement
            metadata: {name: l2}
            """;

        var result = ManifestReader.ReadText(yaml, "multi.yaml");

        Assert.Empty(result.Problems);
        Assert.Equal(["a", "b"], result.Objects.Pools.Select(p => p.Metadata.Name));
        Assert.Null(result.Objects.Pools[1].Spec.Addresses);
        Assert.Single(result.Objects.L2Advertisements);
    }

    [Fact]
    public void ReadText_KubectlGetYamlList_IsFlattenedIntoItems()
    {
        const string yaml = """
            apiVersion: v1
            kind: List
            metadata: {resourceVersion: ""}
            items:
              - apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: a, namespace: metallb-system, resourceVersion: "100", uid: u-1}
                spec: {addresses: [10.0.0.0/24]}
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg}
              - apiVersion: metallb.io/v1beta1
                kind: IPAddressPoolList
                items:
                  - apiVersion: metallb.io/v1beta1
                    kind: IPAddressPool
                    metadata: {name: b}
            """;

        var result = ManifestReader.ReadText(yaml, "list.yaml");

        Assert.Empty(result.Problems);
        Assert.Equal(["a", "b"], result.Objects.Pools.Select(p => p.Metadata.Name));
        Assert.Equal(("100", "u-1"), (result.Objects.Pools[0].Metadata.ResourceVersion, result.Objects.Pools[0].Metadata.Uid));
        Assert.Equal(new SkippedObject("list.yaml", "v1", "ConfigMap", "cfg"), Assert.Single(result.Skipped));
    }

    [Fact]
    public void ReadText_KubectlGetJsonList_IsFlattenedIntoItems()
    {
        const string json = """
            {
              "apiVersion": "v1",
              "kind": "List",
              "items": [
                {"apiVersion": "metallb.io/v1beta1", "kind": "BFDProfile", "metadata": {"name": "fast"}, "spec": {"echoMode": true}},
                {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}}
              ]
            }
            """;

        var result = ManifestReader.ReadText(json, "-");

        Assert.Empty(result.Problems);
        Assert.True(Assert.Single(result.Objects.BfdProfiles).Spec.EchoMode);
        Assert.Equal("n1", Assert.Single(result.Objects.Nodes).Metadata.Name);
        Assert.Equal("-", result.Objects.Nodes[0].Metadata.Source);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("ON", true)]
    [InlineData("y", true)]
    [InlineData("True", true)]
    [InlineData("no", false)]
    [InlineData("Off", false)]
    [InlineData("N", false)]
    [InlineData("FALSE", false)]
    public void ReadText_Yaml11Booleans_BindToBooleanFields(string text, bool expected)
    {
        var yaml = $"apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {{name: a}}\nspec: {{autoAssign: {text}, avoidBuggyIPs: {text}}}";

        var result = ManifestReader.ReadText(yaml, "pool.yaml");

        Assert.Empty(result.Problems);
        var spec = Assert.Single(result.Objects.Pools).Spec;
        Assert.Equal((expected, expected), (spec.AutoAssign, spec.AvoidBuggyIPs));
    }

    [Fact]
    public void ReadText_UnknownFields_AreIgnored()
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata:
              name: a
              creationTimestamp: "2024-01-01T00:00:00Z"
              managedFields: [{manager: kubectl, fieldsV1: {f:spec: {}}}]
              generation: 3
            spec:
              addresses: [10.0.0.0/24]
              futureField: {nested: [1, 2, null]}
              AutoAssign: false
            status:
              assignedIPv4: 1
            """;

        var result = ManifestReader.ReadText(yaml, "pool.yaml");

        Assert.Empty(result.Problems);
        Assert.Null(Assert.Single(result.Objects.Pools).Spec.AutoAssign);
    }

    [Fact]
    public void ReadText_NullFields_MeanUnset()
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta2
            kind: BGPPeer
            metadata: {name: p, labels: null}
            spec:
              myASN: null
              peerASN: 64501
              holdTime: ~
              nodeSelectors:
            """;

        var result = ManifestReader.ReadText(yaml, "peer.yaml");

        Assert.Empty(result.Problems);
        var peer = Assert.Single(result.Objects.Peers);
        Assert.Equal((0u, 64501u, null, null), (peer.Spec.MyASN, peer.Spec.PeerASN, peer.Spec.HoldTime, peer.Spec.NodeSelectors));
        Assert.Empty(peer.Metadata.Labels);
    }

    [Theory]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: controller}", "apps/v1", "Deployment")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config}", "v1", "ConfigMap")]
    [InlineData("apiVersion: v2\nkind: Service\nmetadata: {name: x}", "v2", "Service")]
    [InlineData("apiVersion: discovery.k8s.io/v2\nkind: EndpointSlice\nmetadata: {name: x}", "discovery.k8s.io/v2", "EndpointSlice")]
    [InlineData("apiVersion: metallb.io/v1beta1\nkind: ServiceL2Status\nmetadata: {name: l2-abc}", "metallb.io/v1beta1", "ServiceL2Status")]
    [InlineData("apiVersion: metallb.io/v1beta1\nkind: ConfigurationState\nmetadata: {name: controller}", "metallb.io/v1beta1", "ConfigurationState")]
    public void ReadText_OtherKinds_AreSkippedNotErrors(string yaml, string apiVersion, string kind)
    {
        var result = ManifestReader.ReadText(yaml, "other.yaml");

        Assert.Empty(result.Problems);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal((apiVersion, kind), (skipped.ApiVersion, skipped.Kind));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("manifest")]
    [InlineData("manifest.txt")]
    public void ReadText_WithoutTellingExtension_SniffsJsonAndYaml(string source)
    {
        const string json = """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"from-json"}}""";
        const string flowYaml = "{apiVersion: v1, kind: Namespace, metadata: {name: from-flow-yaml}}";
        const string blockYaml = "apiVersion: v1\nkind: Namespace\nmetadata: {name: from-yaml}";

        var names = new[] { json, flowYaml, blockYaml }
            .Select(text => ManifestReader.ReadText(text, source))
            .Select(r => Assert.Single(r.Objects.Namespaces).Metadata.Name);

        Assert.Equal(["from-json", "from-flow-yaml", "from-yaml"], names);
    }

    [Fact]
    public void ReadText_YamlWithAnchorsAndMergeKeys_IsExpanded()
    {
        const string yaml = """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: metallb.io/v1beta1
                kind: BGPAdvertisement
                metadata: {name: a}
                spec: &common
                  ipAddressPools: [pool1]
                  localPref: 100
              - apiVersion: metallb.io/v1beta1
                kind: BGPAdvertisement
                metadata: {name: b}
                spec:
                  <<: *common
                  localPref: 200
            """;

        var result = ManifestReader.ReadText(yaml, "ads.yaml");

        Assert.Empty(result.Problems);
        Assert.Equal([100u, 200u], result.Objects.BgpAdvertisements.Select(a => a.Spec.LocalPref!.Value));
        Assert.Equal(["pool1"], result.Objects.BgpAdvertisements[1].Spec.IPAddressPools);
    }

    [Fact]
    public void ReadText_AnchorsAreScopedToTheirDocument()
    {
        const string yaml = "a: &x 1\n---\nb: *x\n";

        var result = ManifestReader.ReadText(yaml, "anchors.yaml");

        Assert.Contains(result.Problems, p => p.Message.Contains("anchor 'x'", StringComparison.Ordinal));
    }
}
