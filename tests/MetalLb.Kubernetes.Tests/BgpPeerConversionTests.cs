using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Entities;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests;

public class BgpPeerConversionTests
{
    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void Read_V1beta1BGPPeer_IsConvertedToV1beta2Shape(string format)
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta1
            kind: BGPPeer
            metadata: {name: old, namespace: metallb-system}
            spec:
              myASN: 64500
              peerASN: 64501
              peerAddress: 10.0.0.1
              sourceAddress: 10.0.0.2
              peerPort: 1179
              holdTime: 0s
              keepaliveTime: 10s
              routerID: 10.10.10.10
              nodeSelectors:
                - matchLabels: {rack: r1}
                  matchExpressions:
                    - {key: zone, operator: In, values: [a, b]}
              password: secret
              bfdProfile: fast
              ebgpMultiHop: true
            """;

        var result = ManifestFormats.Read(yaml, format);

        Assert.Empty(result.Problems);
        var peer = Assert.Single(result.Objects.Peers);
        Assert.Equal("v1beta1", peer.SourceVersion);
        Assert.Equal("old", peer.Metadata.Name);
        var spec = peer.Spec;
        Assert.Equal((64500u, 64501u), (spec.MyASN, spec.PeerASN));
        Assert.Equal(("10.0.0.1", "10.0.0.2", 1179), (spec.PeerAddress, spec.SourceAddress, spec.PeerPort));
        Assert.Equal(("0s", "10s"), (spec.HoldTime, spec.KeepaliveTime));
        Assert.Equal("10.10.10.10", spec.RouterID);
        var selector = Assert.Single(spec.NodeSelectors!);
        Assert.Equal("r1", selector.MatchLabels!["rack"]);
        var requirement = Assert.Single(selector.MatchExpressions!);
        Assert.Equal(("zone", "In"), (requirement.Key, requirement.Operator));
        Assert.Equal(["a", "b"], requirement.Values);
        Assert.Equal(("secret", "fast", true), (spec.Password, spec.BfdProfile, spec.EbgpMultiHop));
        Assert.Null(spec.DynamicASN);
        Assert.Null(spec.ConnectTime);
    }

    [Fact]
    public void Read_V1beta1BGPPeerWithoutTimers_LeavesThemUnset()
    {
        const string yaml = "apiVersion: metallb.io/v1beta1\nkind: BGPPeer\nmetadata: {name: p}\nspec: {myASN: 1, peerASN: 2, peerAddress: 10.0.0.1}";

        var result = ManifestReader.ReadText(yaml, "peer.yaml");

        var spec = Assert.Single(result.Objects.Peers).Spec;
        Assert.Equal((null, null, null), (spec.HoldTime, spec.KeepaliveTime, spec.PeerPort));
    }

    [Fact]
    public void Read_V1beta1BGPPeerWithPortBeyondUint16_ReportsRange()
    {
        const string yaml = "apiVersion: metallb.io/v1beta1\nkind: BGPPeer\nmetadata: {name: p}\nspec: {peerPort: 70000}";

        var result = ManifestReader.ReadText(yaml, "peer.yaml");

        Assert.Equal(
            "peer.yaml: BGPPeer/p: spec.peerPort: expected integer 0..65535, got number 70000",
            Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void RoundTrip_V1beta2ThroughV1beta1_KeepsEveryFieldV1beta1Has()
    {
        var original = new BgpPeerSpec
        {
            MyASN = 64500,
            PeerASN = 64501,
            PeerAddress = "10.0.0.1",
            SourceAddress = "10.0.0.2",
            PeerPort = 1179,
            HoldTime = "90s",
            KeepaliveTime = "30s",
            RouterID = "10.10.10.10",
            NodeSelectors = [new LabelSelector { MatchLabels = new Dictionary<string, string> { ["rack"] = "r1" } }],
            Password = "secret",
            BfdProfile = "fast",
            EbgpMultiHop = true,
        };

        var roundTripped = BgpPeerConversion.ToV1Beta2(BgpPeerConversion.ToV1Beta1(original));

        Assert.Equal(original, roundTripped);
    }

    [Fact]
    public void ToV1Beta1_DropsFieldsV1beta1Lacks()
    {
        var v1beta2 = new BgpPeerSpec
        {
            MyASN = 64500,
            DynamicASN = "internal",
            LocalASN = 65000,
            Interface = "eth0",
            ConnectTime = "5s",
            PasswordSecret = new SecretReference { Name = "s" },
            EnableGracefulRestart = true,
            Vrf = "red",
            DisableMP = true,
            DualStackAddressFamily = true,
            PeerPort = 70000,
        };

        var back = BgpPeerConversion.ToV1Beta2(BgpPeerConversion.ToV1Beta1(v1beta2));

        Assert.Equal(new BgpPeerSpec { MyASN = 64500 }, back);
    }

    [Fact]
    public void RoundTrip_V1beta1ThroughV1beta2_IsLossless()
    {
        var original = new BgpPeerV1Beta1Spec
        {
            MyASN = 1,
            PeerASN = 2,
            PeerAddress = "fd00::1",
            PeerPort = 0,
            HoldTime = "",
            KeepaliveTime = "0s",
            EbgpMultiHop = true,
        };

        Assert.Equal(original, BgpPeerConversion.ToV1Beta1(BgpPeerConversion.ToV1Beta2(original)));
    }
}
