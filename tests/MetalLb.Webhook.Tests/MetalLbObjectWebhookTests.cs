namespace MetalLb.Webhook.Tests;

public class MetalLbObjectWebhookTests
{
    private const string PoolPath = "/validate-metallb-io-v1beta1-ipaddresspool";
    private const string PeerPath = "/validate-metallb-io-v1beta2-bgppeer";
    private const string BfdPath = "/validate-metallb-io-v1beta1-bfdprofile";
    private const string BgpAdPath = "/validate-metallb-io-v1beta1-bgpadvertisement";

    private const string Cluster = """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: a, namespace: metallb-system}
        spec:
          addresses: [10.0.0.0/24]
        ---
        apiVersion: metallb.io/v1beta1
        kind: BFDProfile
        metadata: {name: fast, namespace: metallb-system}
        spec: {receiveInterval: 100}
        ---
        apiVersion: metallb.io/v1beta1
        kind: BFDProfile
        metadata: {name: unused, namespace: metallb-system}
        spec: {}
        ---
        apiVersion: metallb.io/v1beta2
        kind: BGPPeer
        metadata: {name: zzz-router, namespace: metallb-system}
        spec: {myASN: 64500, peerASN: 64501, peerAddress: 10.1.1.1, bfdProfile: fast}
        ---
        apiVersion: metallb.io/v1beta1
        kind: BGPAdvertisement
        metadata: {name: ad-100, namespace: metallb-system}
        spec: {ipAddressPools: [a], localPref: 100}
        """;

    private const string BrokenCluster = """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: left, namespace: metallb-system}
        spec:
          addresses: [10.9.0.0/24]
        ---
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: right, namespace: metallb-system}
        spec:
          addresses: [10.9.0.128/25]
        """;

    [Fact]
    public async Task Pool_WhenItFits_IsAllowedWithoutWarnings()
    {
        using var factory = WebhookFactory.With(Cluster);

        var result = await factory.CreateClient().PostAsync(PoolPath, Review.For(Review.Create, Pool("b", "10.0.1.0/24")));

        Assert.True(result.Allowed, result.Message);
        Assert.Equal("705ab4f5-6393-11e8-b7cc-42010a800002", result.Uid);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Pool_WhenItOverlapsAnother_IsDeniedNamingBothPoolsAndCidrs()
    {
        using var factory = WebhookFactory.With(Cluster);

        var result = await factory.CreateClient().PostAsync(PoolPath, Review.For(Review.Create, Pool("b", "10.0.0.128/25")));

        Assert.False(result.Allowed);
        Assert.Equal(403, result.Code);
        Assert.Equal(
            "IPAddressPool/b: CIDR \"10.0.0.128/25\" in pool \"b\" overlaps with already defined CIDR \"10.0.0.0/24\" in pool \"a\"",
            result.Message);
    }

    [Fact]
    public async Task Pool_WhenUnrelatedPoolsAlreadyOverlap_IsStillAllowed()
    {
        using var factory = WebhookFactory.With(BrokenCluster);

        var result = await factory.CreateClient().PostAsync(PoolPath, Review.For(Review.Create, Pool("z", "10.10.0.0/24")));

        Assert.True(result.Allowed, result.Message);
    }

    [Fact]
    public async Task Pool_WhenAnUpdateWidensItOverAnother_IsDeniedWithTheErrorReportedOnTheOther()
    {
        using var factory = WebhookFactory.With(Cluster + "\n---\n" + PoolYaml("wide", "10.5.0.0/16"));

        var result = await factory.CreateClient().PostAsync(
            PoolPath, Review.For(Review.Update, Pool("wide", "10.0.0.0/16"), Pool("wide", "10.5.0.0/16")));

        Assert.False(result.Allowed);
        Assert.Equal(
            "IPAddressPool/a: CIDR \"10.0.0.0/24\" in pool \"a\" overlaps with already defined CIDR \"10.0.0.0/16\" in pool \"wide\"",
            result.Message);
    }

    [Fact]
    public async Task Pool_CreatedOutsideTheMetalLbNamespace_IsDenied()
    {
        using var factory = WebhookFactory.With(Cluster);

        var result = await factory.CreateClient().PostAsync(PoolPath, Review.For(Review.Create, Pool("b", "10.0.1.0/24", "default")));

        Assert.False(result.Allowed);
        Assert.Contains("IPAddressPool/b: resource must be created in metallb-system namespace", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pool_WithAFieldOfTheWrongType_IsDeniedNamingTheField()
    {
        using var factory = WebhookFactory.With(Cluster);
        var pool = """{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"b","namespace":"metallb-system"},"spec":{"addresses":["10.0.1.0/24"],"autoAssign":"yes"}}""";

        var result = await factory.CreateClient().PostAsync(PoolPath, Review.For(Review.Create, pool));

        Assert.False(result.Allowed);
        Assert.Equal("IPAddressPool/b: spec.autoAssign: expected boolean, got string \"yes\"", result.Message);
    }

    [Fact]
    public async Task Path_WhenTheObjectIsOfAnotherKind_IsNotAllowedAndSaysWhatItAdmits()
    {
        using var factory = WebhookFactory.With(Cluster);

        var result = await factory.CreateClient().PostAsync(PoolPath, Review.For(Review.Create, Bfd("slow")));

        Assert.False(result.Allowed);
        Assert.Equal(400, result.Code);
        Assert.Equal("this endpoint admits metallb.io IPAddressPool objects, got \"metallb.io/v1beta1 BFDProfile\"", result.Message);
    }

    [Fact]
    public async Task Peer_DuplicatingAnExistingPeerInFrrMode_IsDeniedNamingTheExistingOne()
    {
        using var factory = WebhookFactory.With(Cluster, ("Webhook:BgpMode", "frr"));

        var result = await factory.CreateClient().PostAsync(PeerPath, Review.For(Review.Create, Peer("aaa-router", "10.1.1.1")));

        Assert.False(result.Allowed);
        Assert.Contains("BGPPeer/zzz-router: peer 10.1.1.1 already exists, FRR mode doesn't support duplicate BGPPeers", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Peer_InV1beta1_IsConvertedAndAllowedWithTheDeprecationWarning()
    {
        using var factory = WebhookFactory.With(Cluster);
        var peer = """{"apiVersion":"metallb.io/v1beta1","kind":"BGPPeer","metadata":{"name":"old","namespace":"metallb-system"},"spec":{"myASN":64500,"peerASN":64502,"peerAddress":"10.1.1.2","holdTime":"90s"}}""";

        var result = await factory.CreateClient().PostAsync(PeerPath, Review.For(Review.Create, peer));

        Assert.True(result.Allowed, result.Message);
        Assert.Contains("v1beta1 is deprecated, please use v1beta2", result.Warnings);
    }

    [Fact]
    public async Task Peer_ReferencingABfdProfileNotCreatedYet_IsAllowedWithAWarning()
    {
        using var factory = WebhookFactory.With(Cluster, ("Webhook:BgpMode", "frr"));
        var peer = Peer("edge", "10.1.1.4").Replace("\"peerAddress\"", "\"bfdProfile\":\"later\",\"peerAddress\"", StringComparison.Ordinal);

        var result = await factory.CreateClient().PostAsync(PeerPath, Review.For(Review.Create, peer));

        Assert.True(result.Allowed, result.Message);
        Assert.Equal(
            ["BGPPeer/edge: peer edge referencing non existing bfd profile later (allowed: it may be created later)"],
            result.Warnings);
    }

    [Fact]
    public async Task Peer_UpdateChangingGracefulRestart_IsDenied()
    {
        using var factory = WebhookFactory.With(Cluster, ("Webhook:BgpMode", "frr"));
        var before = Peer("gr", "10.1.1.3");
        var after = before.Replace("\"peerAddress\"", "\"enableGracefulRestart\":true,\"peerAddress\"", StringComparison.Ordinal);

        var result = await factory.CreateClient().PostAsync(PeerPath, Review.For(Review.Update, after, before));

        Assert.False(result.Allowed);
        Assert.Contains("BGPPeer/gr: EnableGracefulRestart cannot be changed after creation", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BfdProfile_DeletedWhileAPeerUsesIt_IsDenied()
    {
        using var factory = WebhookFactory.With(Cluster);

        var result = await factory.CreateClient().PostAsync(BfdPath, Review.For(Review.Delete, Bfd("fast")));

        Assert.False(result.Allowed);
        Assert.Equal("BFDProfile/fast: failed to delete BFDProfile fast, used by BGPPeer zzz-router", result.Message);
    }

    [Fact]
    public async Task BfdProfile_DeletedWhenUnused_IsAllowed()
    {
        using var factory = WebhookFactory.With(Cluster);

        var result = await factory.CreateClient().PostAsync(BfdPath, Review.For(Review.Delete, Bfd("unused")));

        Assert.True(result.Allowed, result.Message);
    }

    [Fact]
    public async Task BgpAdvertisement_WithAConflictingLocalPref_IsDenied()
    {
        using var factory = WebhookFactory.With(Cluster);
        var ad = """{"apiVersion":"metallb.io/v1beta1","kind":"BGPAdvertisement","metadata":{"name":"ad-200","namespace":"metallb-system"},"spec":{"ipAddressPools":["a"],"localPref":200}}""";

        var result = await factory.CreateClient().PostAsync(BgpAdPath, Review.For(Review.Create, ad));

        Assert.False(result.Allowed);
        Assert.Contains("BGPAdvertisement/ad-200: invalid local preference 200: local preference 100 was already set", result.Message, StringComparison.Ordinal);
    }

    private static string Pool(string name, string cidr, string ns = "metallb-system") =>
        $$$"""{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","uid":"6f1c"},"spec":{"addresses":["{{{cidr}}}"]}}""";

    private static string PoolYaml(string name, string cidr) => $$"""
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: {{name}}, namespace: metallb-system}
        spec:
          addresses: [{{cidr}}]
        """;

    private static string Peer(string name, string address) =>
        $$$"""{"apiVersion":"metallb.io/v1beta2","kind":"BGPPeer","metadata":{"name":"{{{name}}}","namespace":"metallb-system"},"spec":{"myASN":64500,"peerASN":64501,"peerAddress":"{{{address}}}"}}""";

    private static string Bfd(string name) =>
        $$$"""{"apiVersion":"metallb.io/v1beta1","kind":"BFDProfile","metadata":{"name":"{{{name}}}","namespace":"metallb-system"},"spec":{}}""";
}
