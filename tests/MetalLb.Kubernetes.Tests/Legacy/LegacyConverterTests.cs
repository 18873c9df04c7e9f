using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Legacy;

namespace MetalLb.Kubernetes.Tests.Legacy;

public class LegacyConverterTests
{
    private const string Namespace = "metallb-system";

    [Fact]
    public void ConvertConfig_UnknownProtocol_NamesTheLineAndColumnInTheConfigText()
    {
        const string config = """
            address-pools:
            - name: default
              protocol: bgpx
              addresses: [192.0.2.0/24]
            """;

        var conversion = LegacyConverter.ConvertConfig(config, "config", Namespace);

        Assert.Equal(["config:3:13: protocol \"bgpx\" is not layer2 or bgp"], conversion.Problems.Select(p => p.ToString()));
        Assert.False(conversion.Succeeded);
    }

    [Fact]
    public void ConvertConfig_Pools_KeepNamesAndAddressesAsWritten_AndNameAdvertisementsAsMetalLbsConverter()
    {
        const string config = """
            address-pools:
            - name: bgp-a
              protocol: bgp
              addresses: [198.51.100.0/24]
              bgp-advertisements:
              - {aggregation-length: 32, localpref: 100}
              - {aggregation-length: 24}
            - name: l2-a
              protocol: layer2
              addresses: ["192.168.250.48 - 192.168.250.55"]
            - name: bgp-b
              protocol: bgp
              addresses: [203.0.113.0/24]
            - name: l2-b
              protocol: layer2
              addresses: [192.0.2.0/28]
            """;

        var objects = Converted(config);

        Assert.Equal(["bgp-a", "l2-a", "bgp-b", "l2-b"], objects.Pools.Select(p => p.Metadata.Name));
        Assert.Equal(["192.168.250.48 - 192.168.250.55"], objects.Pools[1].Spec.Addresses);
        Assert.Equal(
            ["l2advertisement1:l2-a", "l2advertisement2:l2-b"],
            objects.L2Advertisements.Select(a => $"{a.Metadata.Name}:{string.Join(",", a.Spec.IPAddressPools!)}"));
        Assert.Equal(
            ["bgpadvertisement1:bgp-a:32:100", "bgpadvertisement2:bgp-a:24:", "bgpadvertisement3:bgp-b::"],
            objects.BgpAdvertisements.Select(a =>
                $"{a.Metadata.Name}:{string.Join(",", a.Spec.IPAddressPools!)}:{a.Spec.AggregationLength}:{a.Spec.LocalPref}"));
        Assert.All(objects.MetalLbObjects, o => Assert.Equal(Namespace, o.Metadata.Namespace));
    }

    [Fact]
    public void ConvertConfig_EachObject_NamesTheLineItCameFrom()
    {
        const string config = """
            peers:
            - {peer-address: 192.0.2.1, peer-asn: 64501, my-asn: 64500}
            address-pools:
            - name: default
              protocol: layer2
              addresses: [192.0.2.128/25]
            """;

        var objects = Converted(config, "ConfigMap metallb-system/config: config");

        Assert.Equal("ConfigMap metallb-system/config: config:2", objects.Peers.Single().Metadata.Source);
        Assert.Equal("ConfigMap metallb-system/config: config:4", objects.Pools.Single().Metadata.Source);
        Assert.Equal("ConfigMap metallb-system/config: config:4", objects.L2Advertisements.Single().Metadata.Source);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("no", false)]
    [InlineData("False", false)]
    public void ConvertConfig_Booleans_AreReadAsYaml11(string written, bool expected)
    {
        var objects = Converted($"address-pools: [{{name: a, protocol: layer2, addresses: [192.0.2.0/24], auto-assign: {written}}}]");

        Assert.Equal(expected, objects.Pools.Single().Spec.AutoAssign);
    }

    [Theory]
    [InlineData("auto-assign: \"true\"", "1:85: auto-assign: expected true or false, got \"true\"")]
    [InlineData("avoid-buggy-ips: [true]", "1:89: avoid-buggy-ips: expected true or false, got a list")]
    [InlineData("cidr: [10.0.0.0/8]", "1:72: address pool: unknown field \"cidr\"")]
    [InlineData("name: b", "1:72: invalid YAML: Duplicate key")]
    public void ConvertConfig_WrongTypesAndFields_AreRefusedAsByTheStrictLegacyLoader(string extra, string expected)
    {
        var conversion = LegacyConverter.ConvertConfig(
            $"address-pools: [{{name: a, protocol: layer2, addresses: [192.0.2.0/24], {extra}}}]", "config", Namespace);

        Assert.StartsWith("config:" + expected, Assert.Single(conversion.Problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertConfig_Peer_BecomesAV1beta2PeerWithEveryField()
    {
        const string config = """
            bfd-profiles:
            - {name: fast, receive-interval: 100, echo-mode: false}
            peers:
            - peer-address: 192.0.2.1
              peer-asn: 64501
              my-asn: 64500
              peer-port: 1179
              source-address: 192.0.2.10
              hold-time: 9s
              keepalive-time: 3s
              router-id: 192.0.2.10
              password: pw
              bfd-profile: fast
              ebgp-multihop: true
              node-selectors:
              - match-labels: {rack: a}
                match-expressions: [{key: zone, operator: NotIn, values: [z1]}]
            """;

        var objects = Converted(config);

        var peer = Assert.Single(objects.Peers);
        Assert.Equal("peer1", peer.Metadata.Name);
        Assert.Equal(
            new BgpPeerSpec
            {
                MyASN = 64500,
                PeerASN = 64501,
                PeerAddress = "192.0.2.1",
                PeerPort = 1179,
                SourceAddress = "192.0.2.10",
                HoldTime = "9s",
                KeepaliveTime = "3s",
                RouterID = "192.0.2.10",
                Password = "pw",
                BfdProfile = "fast",
                EbgpMultiHop = true,
                NodeSelectors = peer.Spec.NodeSelectors,
            },
            peer.Spec);
        var selector = Assert.Single(peer.Spec.NodeSelectors!);
        Assert.Equal("a", selector.MatchLabels!["rack"]);
        var expression = Assert.Single(selector.MatchExpressions!);
        Assert.Equal(("zone", "NotIn", "z1"), (expression.Key, expression.Operator, Assert.Single(expression.Values!)));
        var bfd = Assert.Single(objects.BfdProfiles);
        Assert.Equal((100u, false), (bfd.Spec.ReceiveInterval, bfd.Spec.EchoMode));
    }

    [Fact]
    public void ConvertConfig_BgpCommunities_BecomeOneCommunityObject_AndAdvertisementsKeepTheAliasName()
    {
        const string config = """
            bgp-communities:
              no-advertise: 65535:65282
              big: large:64500:1:2
            address-pools:
            - name: p
              protocol: bgp
              addresses: [198.51.100.0/24]
              bgp-advertisements:
              - communities: [no-advertise, "64500:7"]
            """;

        var objects = Converted(config);

        var community = Assert.Single(objects.Communities);
        Assert.Equal("communities", community.Metadata.Name);
        Assert.Equal(["no-advertise=65535:65282", "big=large:64500:1:2"], community.Spec.Communities!.Select(c => $"{c.Name}={c.Value}"));
        Assert.Equal(["no-advertise", "64500:7"], Assert.Single(objects.BgpAdvertisements).Spec.Communities);
    }

    [Fact]
    public void ConvertConfig_EmptyConfig_GivesNoObjects()
    {
        var conversion = LegacyConverter.ConvertConfig("", "config", Namespace);

        Assert.True(conversion.Succeeded);
        Assert.Equal(0, conversion.Objects.Count);
    }

    [Fact]
    public void ConvertConfig_SecondDocument_IsRefused()
    {
        var conversion = LegacyConverter.ConvertConfig("address-pools: []\n---\npeers: []\n", "config", Namespace);

        Assert.Equal(["config:3:1: a legacy config is one YAML document; remove the second"], conversion.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void ConvertConfig_BrokenYaml_NamesWhere()
    {
        var conversion = LegacyConverter.ConvertConfig("address-pools:\n- name: [a\n", "config", Namespace);

        Assert.StartsWith("config:3:1: invalid YAML: ", Assert.Single(conversion.Problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ConvertConfig_AliasBomb_StopsAtTheProblemLimit()
    {
        var text = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var conversion = LegacyConverter.ConvertConfig(text + "address-pools: *a11\n", "config", Namespace);

        Assert.InRange(conversion.Problems.Count, 1, 100);
        Assert.Equal(0, conversion.Objects.Count);
    }

    [Fact]
    public void ConvertConfig_DeepNesting_IsAProblemNotACrash()
    {
        var conversion = LegacyConverter.ConvertConfig("peers: " + new string('[', 20_000), "config", Namespace);

        Assert.False(conversion.Succeeded);
    }

    [Fact]
    public void ConvertDocuments_ConfigMapManifest_TakesItsNamespace_AndCountsLinesInTheConfigKey()
    {
        const string manifest = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: config, namespace: lb}
            data:
              config: |
                address-pools:
                - name: a
                  protocol: layer2
                  addresses: [192.0.2.0/24, 192.0.2.300/32]
            """;

        var conversion = LegacyConverter.ConvertDocuments(manifest, "cm.yaml");
        var overridden = LegacyConverter.ConvertDocuments(manifest.Replace(", 192.0.2.300/32", "", StringComparison.Ordinal), "cm.yaml", "other");

        Assert.Equal(
            ["cm.yaml: config:4:29: addresses: invalid CIDR \"192.0.2.300/32\" in pool \"a\": invalid CIDR \"192.0.2.300/32\""],
            conversion.Problems.Select(p => p.ToString()));
        Assert.Equal("lb", conversion.Objects.Pools.Single().Metadata.Namespace);
        Assert.Equal("other", overridden.Objects.Pools.Single().Metadata.Namespace);
    }

    [Fact]
    public void ConvertDocuments_ManifestPackValues_NamespaceValueIsUsed()
    {
        const string values = "manifests: {metallb: {namespace: lb-system, addresses: [192.0.2.0/24]}}";

        var conversion = LegacyConverter.ConvertDocuments(values, "values.yaml");

        Assert.True(conversion.Succeeded);
        Assert.All(conversion.Objects.MetalLbObjects, o => Assert.Equal("lb-system", o.Metadata.Namespace));
        Assert.Null(conversion.Objects.Pools.Single().Spec.AvoidBuggyIPs);
    }

    [Fact]
    public void ConvertDocuments_HelmPackValues_ReadEveryKindWithItsSpec()
    {
        const string values = """
            charts:
              metallb-full:
                configuration:
                  ipaddresspools: {pool: {labels: {tier: gold}, spec: {addresses: [198.51.100.0/24]}}}
                  l2advertisements: {}
                  bgpadvertisements: {adv: {spec: {ipAddressPools: [pool], communities: [gold]}}}
                  bgppeers: {router: {spec: {myASN: 64500, peerASN: 64501, peerAddress: 198.51.100.254}}}
                  communities: {names: {spec: {communities: [{name: gold, value: "64500:1"}]}}}
                  bfdprofiles: {slow: {spec: {receiveInterval: 1000}}}
            """;

        var conversion = LegacyConverter.ConvertDocuments(values, "values.yaml");

        Assert.True(conversion.Succeeded, string.Join("\n", conversion.Problems));
        var objects = conversion.Objects;
        Assert.Equal(
            ["IPAddressPool/pool", "BGPAdvertisement/adv", "BGPPeer/router", "BFDProfile/slow", "Community/names"],
            objects.MetalLbObjects.Select(o => $"{o.Kind}/{o.Metadata.Name}"));
        Assert.Equal(64501u, objects.Peers.Single().Spec.PeerASN);
        Assert.Equal("gold", objects.Pools.Single().Metadata.Labels["tier"]);
        Assert.Equal("values.yaml:6", objects.BgpAdvertisements.Single().Metadata.Source);
    }

    [Fact]
    public void ConvertDocuments_OtherKinds_AreSkippedNotConverted()
    {
        const string text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: speaker}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\ndata: {a: b}\n";

        var conversion = LegacyConverter.ConvertDocuments(text, "install.yaml");

        Assert.True(conversion.Succeeded);
        Assert.Equal(["DaemonSet/speaker", "ConfigMap/other (no data.config)"], conversion.Skipped);
    }

    private static ConfigSource Converted(string config, string origin = "config")
    {
        var conversion = LegacyConverter.ConvertConfig(config, origin, Namespace);
        Assert.True(conversion.Succeeded, string.Join("\n", conversion.Problems));
        return conversion.Objects;
    }
}
