using MetalLb.Contracts;
using MetalLb.Hosting.Bgp;
using static MetalLb.Hosting.Tests.Bgp.PeerSets;

namespace MetalLb.Hosting.Tests.Bgp;

public sealed class BgpPeerSetAgentTests : IDisposable
{
    private const string Node = "node-a";
    private readonly KeyFiles _files = new();
    private readonly PasswordKey _key;
    private readonly PasswordKeyFile _keys;
    private readonly RecordingBackend _backend = new();
    private readonly CapturingLogger<BgpPeerSetAgent> _log = new();
    private readonly BgpPeerSetAgent _agent;

    public BgpPeerSetAgentTests()
    {
        _key = _files.WriteNewKey();
        _keys = _files.Open();
        _agent = new BgpPeerSetAgent(Node, _keys, _backend, _log);
    }

    public void Dispose()
    {
        _agent.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task Apply_OwnSet_UnsealsAndHandsThePeersToTheBackend()
    {
        var set = Set(Node, 5, Sealed(Peer("tor"), _key, Node, "s3cret"), Peer("spine", "198.51.100.2")) with
        {
            BfdProfiles = [new BfdProfileConfig("fast", 50, 50, 3, null, false, false, null)],
        };

        Assert.True(await _agent.ApplyAsync(set));

        var call = Assert.Single(_backend.Calls);
        Assert.Equal([new ResolvedPeer(Peer("tor"), "s3cret"), new ResolvedPeer(Peer("spine", "198.51.100.2"), null)], call.Peers);
        Assert.Equal(set.BfdProfiles, call.Profiles);
        Assert.Equal(5, _agent.Generation);
        Assert.Equal(["tor", "spine"], _agent.Peers);
        Assert.Empty(_agent.Problems);
    }

    [Fact]
    public async Task Apply_AnotherNodesSet_IsIgnored()
    {
        Assert.False(await _agent.ApplyAsync(Set("node-b", 5, Peer("tor"))));

        Assert.Empty(_backend.Calls);
        Assert.Equal(0, _agent.Generation);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Apply_OlderOrSameGeneration_IsIgnored(long generation)
    {
        await _agent.ApplyAsync(Set(Node, 5, Peer("tor")));

        Assert.False(await _agent.ApplyAsync(Set(Node, generation, Peer("spine"))));

        Assert.Equal(["tor"], _agent.Peers);
        Assert.Single(_backend.Calls);
    }

    [Fact]
    public async Task Apply_PasswordProblemFromTheAllocator_LeavesThePeerOut()
    {
        const string problem = "Secret \"metallb-system/bgp-pass\" (spec.passwordSecret of BGPPeer \"tor\") not found";

        await _agent.ApplyAsync(Set(Node, 1, Peer("tor") with { PasswordProblem = problem }, Peer("spine")));

        Assert.Equal(["spine"], _backend.Peers.Select(p => p.Config.Name));
        Assert.Equal([new BgpPeerProblem("tor", problem)], _agent.Problems);
    }

    [Fact]
    public async Task Apply_SealedWithAnotherKey_LeavesThePeerOut_NamingBothKeys()
    {
        using var other = new KeyFiles();
        var otherKey = other.WriteNewKey();

        await _agent.ApplyAsync(Set(Node, 1, Sealed(Peer("tor"), otherKey, Node, "s3cret")));

        Assert.Empty(_backend.Peers);
        Assert.Equal(
            [new BgpPeerProblem("tor", $"password sealed with key {otherKey.KeyId}, this node has key {_key.KeyId}")],
            _agent.Problems);
    }

    [Fact]
    public async Task Apply_SealedForAnotherNode_LeavesThePeerOut()
    {
        await _agent.ApplyAsync(Set(Node, 1, Sealed(Peer("tor"), _key, "node-b", "s3cret")));

        Assert.Empty(_backend.Peers);
        Assert.Contains("does not authenticate", Assert.Single(_agent.Problems).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_NoKeyOnThisNode_LeavesThePeerOut_SayingWhy()
    {
        using var agent = new BgpPeerSetAgent(Node, new PasswordKeyFile(new BgpPasswordOptions()), _backend);

        await agent.ApplyAsync(Set(Node, 1, Sealed(Peer("tor"), _key, Node, "s3cret")));

        Assert.Empty(_backend.Peers);
        Assert.Equal(
            [new BgpPeerProblem("tor", $"password sealed with key {_key.KeyId}, this node has no key (Bgp:PasswordKeyFile is not set)")],
            agent.Problems);
    }

    [Fact]
    public async Task KeyChange_MakesAPasswordSealedWithTheNewKeyReadable()
    {
        using var next = new KeyFiles();
        var newKey = next.WriteNewKey();
        await _agent.ApplyAsync(Set(Node, 1, Sealed(Peer("tor"), newKey, Node, "s3cret")));
        Assert.Empty(_backend.Peers);

        File.Copy(next.Path, _files.Path, overwrite: true);
        Assert.True(_keys.Refresh());
        await _agent.OnKeyChangedAsync(CancellationToken.None);

        Assert.Equal([new ResolvedPeer(Peer("tor"), "s3cret")], _backend.Peers);
        Assert.Empty(_agent.Problems);
    }

    [Fact]
    public async Task KeyRotation_SeenHereFirst_KeepsTheSessionOnTheOldPassword_UntilTheAllocatorSealsAgain()
    {
        await _agent.ApplyAsync(Set(Node, 1, Sealed(Peer("tor"), _key, Node, "s3cret")));
        var rotated = _files.WriteNewKey();
        _keys.Refresh();

        await _agent.OnKeyChangedAsync(CancellationToken.None);

        Assert.Equal([new ResolvedPeer(Peer("tor"), "s3cret")], _backend.Peers);
        Assert.Single(_backend.Calls);
        Assert.Equal(
            [new BgpPeerProblem("tor", $"password sealed with key {_key.KeyId}, this node has key {rotated.KeyId}")],
            _agent.Problems);

        await _agent.ApplyAsync(Set(Node, 2, Sealed(Peer("tor"), rotated, Node, "s3cret-2")));

        Assert.Equal([new ResolvedPeer(Peer("tor"), "s3cret-2")], _backend.Peers);
        Assert.Empty(_agent.Problems);
    }

    [Fact]
    public async Task KeyRotation_DoesNotKeepAnOldPassword_ForAChangedPeer()
    {
        await _agent.ApplyAsync(Set(Node, 1, Sealed(Peer("tor"), _key, Node, "s3cret")));
        using var other = new KeyFiles();
        var otherKey = other.WriteNewKey();

        await _agent.ApplyAsync(Set(Node, 2, Sealed(Peer("tor", "198.51.100.9"), otherKey, Node, "s3cret")));

        Assert.Empty(_backend.Peers);
        Assert.Single(_agent.Problems);
    }

    [Fact]
    public async Task SealedAgain_SamePasswordAndConfig_IsNoChangeForTheBackend()
    {
        await _agent.ApplyAsync(Set(Node, 1, Sealed(Peer("tor"), _key, Node, "s3cret")));

        await _agent.ApplyAsync(Set(Node, 2, Sealed(Peer("tor"), _key, Node, "s3cret")));

        Assert.Single(_backend.Calls);
        Assert.Equal(2, _agent.Generation);
    }

    [Fact]
    public async Task Snapshot_WithThisNodesSet_IsApplied_WithoutOneKeepsTheSet()
    {
        var plans = new AnnouncementSnapshot([], new PlanDigest(0, "", 0));
        await _agent.ApplyAsync(plans with { PeerSet = Set(Node, 3, Peer("tor")) }, CancellationToken.None);

        await _agent.ApplyAsync(plans, CancellationToken.None);

        Assert.Equal(3, _agent.Generation);
        Assert.Equal(["tor"], _agent.Peers);
    }

    public static TheoryData<long, string[], bool> Digests => new()
    {
        { 7, ["tor"], false },
        { 8, ["tor"], true },
        { 0, ["tor"], true },
        { 0, [], false },
        { 9, [], true },
    };

    [Theory]
    [MemberData(nameof(Digests))]
    public async Task Digest_RevealsAMissedSet(long listed, string[] peers, bool resync)
    {
        await _agent.ApplyAsync(Set(Node, 7, [.. peers.Select(p => Peer(p))]));
        var requested = 0;
        _agent.ResyncRequested += () => requested++;
        var generations = listed == 0 ? new Dictionary<string, long>() : new Dictionary<string, long> { [Node] = listed };

        var result = await _agent.CheckDigestAsync(new BgpPeerSetDigest(generations));

        Assert.Equal(resync, result);
        Assert.Equal(resync ? 1 : 0, requested);
    }

    [Fact]
    public async Task BackendFailure_IsRetriedOnTheNextDigest()
    {
        _backend.FailCalls = 1;
        await _agent.ApplyAsync(Set(Node, 7, Peer("tor")));
        Assert.True(_agent.IsPending);
        Assert.Empty(_backend.Calls);

        await _agent.CheckDigestAsync(new BgpPeerSetDigest(new Dictionary<string, long> { [Node] = 7 }));

        Assert.False(_agent.IsPending);
        Assert.Equal(["tor"], _backend.Peers.Select(p => p.Config.Name));
    }

    [Fact]
    public async Task WithoutABackend_PeersAndProblemsAreStillKnown()
    {
        using var agent = new BgpPeerSetAgent(Node, _keys);

        await agent.ApplyAsync(Set(Node, 1, Sealed(Peer("tor"), _key, Node, "s3cret"), Peer("spine") with { PasswordProblem = "missing" }));

        Assert.Equal(["tor"], agent.Peers);
        Assert.Equal([new BgpPeerProblem("spine", "missing")], agent.Problems);
        Assert.False(agent.IsPending);
    }

    [Fact]
    public async Task Logs_NeverCarryThePassword()
    {
        await _agent.ApplyAsync(Set(Node, 1, Sealed(Peer("tor"), _key, Node, "s3cret"), Sealed(Peer("spine"), _key, "node-b", "s3cret")));
        _files.WriteNewKey();
        _keys.Refresh();
        await _agent.OnKeyChangedAsync(CancellationToken.None);

        Assert.NotEmpty(_log.Lines);
        Assert.All(_log.Lines, line => Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal));
        Assert.DoesNotContain("s3cret", string.Join(",", _backend.Peers), StringComparison.Ordinal);
    }
}
