using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests;

public class ManifestReaderErrorTests
{
    private const string PoolHeader = """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata:
          name: pool1
        spec:

        """;

    private const string PeerHeader = """
        apiVersion: metallb.io/v1beta2
        kind: BGPPeer
        metadata:
          name: peer1
        spec:

        """;

    [Theory]
    [InlineData(PoolHeader + "  addresses: [10.0.0.0/24, 5]", "spec.addresses[1]", "expected string, got number 5")]
    [InlineData(PoolHeader + "  addresses: 10.0.0.0/24", "spec.addresses", "expected array, got string \"10.0.0.0/24\"")]
    [InlineData(PoolHeader + "  addresses: [{a: 1}]", "spec.addresses[0]", "expected string, got object")]
    [InlineData(PoolHeader + "  addresses: [a, null]", "spec.addresses[1]", "expected string, got null")]
    [InlineData(PoolHeader + "  autoAssign: \"true\"", "spec.autoAssign", "expected boolean, got string \"true\"")]
    [InlineData(PoolHeader + "  autoAssign: 'yes'", "spec.autoAssign", "expected boolean, got string \"yes\"")]
    [InlineData(PoolHeader + "  autoAssign: 1", "spec.autoAssign", "expected boolean, got number 1")]
    [InlineData(PoolHeader + "  serviceAllocation: {priority: high}", "spec.serviceAllocation.priority", "expected integer -2147483648..2147483647, got string \"high\"")]
    [InlineData(PoolHeader + "  serviceAllocation: {namespaceSelectors: [{matchLabels: {a: [1]}}]}", "spec.serviceAllocation.namespaceSelectors[0].matchLabels[a]", "expected string, got array")]
    [InlineData(PoolHeader + "  serviceAllocation: {namespaceSelectors: [null]}", "spec.serviceAllocation.namespaceSelectors[0]", "expected object, got null")]
    [InlineData(PoolHeader + "  serviceAllocation: []", "spec.serviceAllocation", "expected object, got array")]
    [InlineData("apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: pool1, labels: {app.kubernetes.io/name: true}}", "metadata.labels[app.kubernetes.io/name]", "expected string, got boolean true")]
    [InlineData("apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: pool1}\nspec: [1]", "spec", "expected object, got array")]
    [InlineData(PeerHeader + "  myASN: -1", "spec.myASN", "expected integer 0..4294967295, got number -1")]
    [InlineData(PeerHeader + "  myASN: 5000000000", "spec.myASN", "expected integer 0..4294967295, got number 5000000000")]
    [InlineData(PeerHeader + "  myASN: 64500.5", "spec.myASN", "expected integer 0..4294967295, got number 64500.5")]
    [InlineData(PeerHeader + "  myASN: \"64500\"", "spec.myASN", "expected integer 0..4294967295, got string \"64500\"")]
    [InlineData(PeerHeader + "  peerPort: 179x", "spec.peerPort", "expected integer -2147483648..2147483647, got string \"179x\"")]
    [InlineData(PeerHeader + "  passwordSecret: secret", "spec.passwordSecret", "expected object, got string \"secret\"")]
    [InlineData(PeerHeader + "  disableMP: on_", "spec.disableMP", "expected boolean, got string \"on_\"")]
    public void ReadText_WhenFieldHasWrongType_ReportsKubernetesFieldPath(string yaml, string field, string message)
    {
        var result = ManifestReader.ReadText(yaml, "in.yaml");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(field, problem.Field);
        Assert.Equal(message, problem.Message);
        Assert.False(problem.IsIoError);
        Assert.Empty(result.Objects.MetalLbObjects);
    }

    [Fact]
    public void ReadText_WhenAutoAssignIsString_ReportsFieldPath()
    {
        var result = ManifestReader.ReadText(PoolHeader + "  autoAssign: \"yes\"\n", "pools.yaml");

        Assert.Equal(
            "pools.yaml: IPAddressPool/pool1: spec.autoAssign: expected boolean, got string \"yes\"",
            Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void ReadText_WhenAddressIsNumberInJson_ReportsFieldPath()
    {
        const string json = """
            {"apiVersion": "metallb.io/v1beta1", "kind": "IPAddressPool",
             "metadata": {"name": "pool1"}, "spec": {"addresses": ["10.0.0.0/24", 5]}}
            """;

        var result = ManifestReader.ReadText(json, "pools.json");

        Assert.Equal(
            "pools.json: IPAddressPool/pool1: spec.addresses[1]: expected string, got number 5",
            Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void ReadText_WhenOneObjectIsWrong_KeepsTheOthers()
    {
        var yaml = PoolHeader + "  autoAssign: nope\n---\n" + PoolHeader.Replace("pool1", "pool2") + "  autoAssign: no\n";

        var result = ManifestReader.ReadText(yaml, "pools.yaml");

        Assert.Equal("pool1", Assert.Single(result.Problems).Name);
        var pool = Assert.Single(result.Objects.Pools);
        Assert.Equal(("pool2", false), (pool.Metadata.Name, pool.Spec.AutoAssign));
    }

    [Theory]
    [InlineData("- a\n- b", "in.yaml: document 1 (line 1): expected a mapping, got array")]
    [InlineData("just text", "in.yaml: document 1: expected a mapping, got string \"just text\"")]
    [InlineData("kind: IPAddressPool\nmetadata: {name: a}", "in.yaml: document 1 (line 1): missing apiVersion")]
    [InlineData("apiVersion: 5\nkind: IPAddressPool", "in.yaml: document 1 (line 1): apiVersion: expected string, got number 5")]
    [InlineData("apiVersion: metallb.io/v1beta1\nmetadata: {name: a}", "in.yaml: document 1 (line 1): missing kind")]
    [InlineData("apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nspec: {}", "in.yaml: IPAddressPool: document 1 (line 1): missing metadata.name")]
    [InlineData("apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: \"\"}", "in.yaml: IPAddressPool: document 1 (line 1): missing metadata.name")]
    [InlineData("apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: 7}", "in.yaml: IPAddressPool: document 1 (line 1): metadata.name: expected string, got number 7")]
    [InlineData("apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: pool", "in.yaml: IPAddressPool: document 1 (line 1): metadata: expected object, got string \"pool\"")]
    [InlineData("a: 1\n---\n\n\nkind: Service\n", "in.yaml: document 2 (line 5): missing apiVersion")]
    public void ReadText_WhenDocumentLacksIdentity_ReportsDocumentAndLine(string yaml, string expected)
    {
        var result = ManifestReader.ReadText(yaml, "in.yaml");

        Assert.Contains(expected, result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void ReadText_WhenJsonListItemLacksName_ReportsItemIndex()
    {
        const string json = """{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Node", "metadata": {}}]}""";

        var result = ManifestReader.ReadText(json, "nodes.json");

        Assert.Equal("nodes.json: Node: document 1, item 1: missing metadata.name", Assert.Single(result.Problems).ToString());
    }

    [Theory]
    [InlineData("a: [1, 2\nb: 3\n", 1)]
    [InlineData("a: 1\nb: c: d\n", 2)]
    [InlineData("a: 1\n  b: 2\n", 2)]
    [InlineData("a: 1\na: 2\n", 2)]
    [InlineData("a: *nope\n", 1)]
    [InlineData("a: \"unterminated\n", 1)]
    public void ReadText_WhenYamlIsMalformed_ReportsSyntaxErrorWithLine(string yaml, int line)
    {
        var result = ManifestReader.ReadText(yaml, "bad.yaml");

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith($"bad.yaml: invalid YAML at line {line}, column ", problem.ToString());
        Assert.Null(problem.Kind);
        Assert.False(problem.IsIoError);
    }

    [Fact]
    public void ReadText_WhenLaterDocumentIsMalformed_StillReadsEarlierDocuments()
    {
        var yaml = PoolHeader + "  addresses: [10.0.0.0/24]\n---\nkey: [unclosed\n";

        var result = ManifestReader.ReadText(yaml, "pools.yaml");

        Assert.Single(result.Objects.Pools);
        Assert.StartsWith("pools.yaml: invalid YAML at line", Assert.Single(result.Problems).ToString());
    }

    [Theory]
    [InlineData("{\"apiVersion\": \"v1\",\n \"kind\": }", "bad.json: invalid JSON at line 2, column")]
    [InlineData("{\"a\": 1, \"a\": 2}", "bad.json: invalid JSON: Duplicate property 'a'")]
    [InlineData("[1, 2", "bad.json: invalid JSON at line 1, column")]
    public void ReadText_WhenJsonIsMalformed_ReportsSyntaxErrorWithLine(string json, string expectedPrefix)
    {
        var result = ManifestReader.ReadText(json, "bad.json");

        Assert.StartsWith(expectedPrefix, Assert.Single(result.Problems).ToString());
    }

    [Theory]
    [InlineData("metallb.io/v1", "IPAddressPool", "apiVersion: unsupported version \"metallb.io/v1\" for IPAddressPool (served: v1beta1)")]
    [InlineData("metallb.io/v1beta2", "L2Advertisement", "apiVersion: unsupported version \"metallb.io/v1beta2\" for L2Advertisement (served: v1beta1)")]
    [InlineData("metallb.io/v1", "BGPPeer", "apiVersion: unsupported version \"metallb.io/v1\" for BGPPeer (served: v1beta1, v1beta2)")]
    [InlineData("metallb.io/v1beta1", "IPAdressPool", "kind: unknown kind \"IPAdressPool\" in group metallb.io")]
    public void ReadText_WhenMetalLbVersionOrKindIsUnknown_ReportsError(string apiVersion, string kind, string expected)
    {
        var yaml = $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: x}}\n";

        var result = ManifestReader.ReadText(yaml, "in.yaml");

        Assert.Equal($"in.yaml: {kind}/x: {expected}", Assert.Single(result.Problems).ToString());
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void ReadText_WhenExternalTrafficPolicyIsUnknown_ReportsSupportedValues()
    {
        const string yaml = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {externalTrafficPolicy: local}\n";

        var result = ManifestReader.ReadText(yaml, "svc.yaml");

        Assert.Equal(
            "svc.yaml: Service/web: spec.externalTrafficPolicy: unsupported value \"local\": supported values: \"Cluster\", \"Local\"",
            Assert.Single(result.Problems).ToString());
        Assert.Empty(result.Objects.Services);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: http}]}", "spec.ports[0].port", "expected integer -2147483648..2147483647, got string \"http\"")]
    [InlineData("apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {conditions: {type: Ready}}", "status.conditions", "expected array, got object")]
    [InlineData("apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e}\nendpoints: [{conditions: {ready: \"true\"}}]", "endpoints[0].conditions.ready", "expected boolean, got string \"true\"")]
    public void ReadText_WhenCoreObjectHasWrongType_ReportsFieldPath(string yaml, string field, string message)
    {
        var result = ManifestReader.ReadText(yaml, "core.yaml");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((field, message), (problem.Field, problem.Message));
    }
}
