using System.Security.Cryptography;
using System.Text.Json;
using MassTransit;
using MetalLb.Allocator.Bus;
using MetalLb.Allocator.Tests.Fakes;
using MetalLb.Contracts;
using MetalLb.Domain.Config;
using MetalLb.Hosting.Bgp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetalLb.Allocator.Tests;

/// <summary>The reconciler's peer sets through the real publisher and the in-memory bus.</summary>
public sealed class PeerSetPublisherTests : IAsyncLifetime
{
    private const string Ns = "metallb-system";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("metallb-allocator-key-").FullName;
    private readonly CapturingLogger _log = new();
    private AllocatorBus _bus = null!;
    private PasswordKeyFile _keys = null!;
    private ReconcilerHarness _h = null!;

    private string KeyPath => Path.Combine(_keyDirectory, "key");

    public async Task InitializeAsync()
    {
        File.WriteAllBytes(KeyPath, RandomNumberGenerator.GetBytes(PasswordKey.Size));
        _keys = new PasswordKeyFile(new BgpPasswordOptions { PasswordKeyFile = KeyPath });
        _bus = await AllocatorBus.StartAsync();
        var publisher = new BusPeerSetPublisher(_bus.Bus, _bus.PeerSets, _keys, new AllocatorOptions(), _log);
        _h = new ReconcilerHarness(publisher: _bus.Publisher, peerSets: publisher);
        _h.Cluster.SetConfig(Config(PeerYaml("tor", "198.51.100.1", "rack: a", "passwordSecret: {name: tor-pass}") + PeerYaml("spine", "198.51.100.2", null, "password: plain-pass")));
        Secrets(Secret("tor-pass", "tor-s3cret"));
    }

    public async Task DisposeAsync()
    {
        await _bus.DisposeAsync();
        Directory.Delete(_keyDirectory, recursive: true);
    }

    [Fact]
    public async Task Pass_PublishesEveryNodesSet_PasswordsSealedForThatNodeAndPeer()
    {
        await _h.SettleAsync();

        var a = await _bus.Inbox.WaitForAsync<BgpPeerSet>(s => s.Node == "node-a", Timeout);
        var b = await _bus.Inbox.WaitForAsync<BgpPeerSet>(s => s.Node == "node-b", Timeout);
        Assert.Equal(["spine", "tor"], a.Peers.Select(p => p.Name));
        Assert.Equal(["spine"], b.Peers.Select(p => p.Name));
        Assert.Equal("tor-s3cret", Unseal("node-a", a.Peers.Single(p => p.Name == "tor")));
        Assert.Equal("plain-pass", Unseal("node-a", a.Peers.Single(p => p.Name == "spine")));
        Assert.Equal("plain-pass", Unseal("node-b", b.Peers.Single()));
        Assert.All(a.Peers.Concat(b.Peers), p => Assert.Null(p.PasswordProblem));
        var wire = JsonSerializer.Serialize(new[] { a, b });
        Assert.DoesNotContain("tor-s3cret", wire, StringComparison.Ordinal);
        Assert.DoesNotContain("plain-pass", wire, StringComparison.Ordinal);
        Assert.Equal([("node-a", a.Generation), ("node-b", b.Generation)], _bus.PeerSets.Sets.Select(s => (s.Node, s.Generation)));
    }

    [Fact]
    public async Task Pass_NothingChanged_PublishesNothingAgain()
    {
        await _h.SettleAsync();
        var before = _bus.PeerSets.Sets;

        _h.Cluster.Config = _h.Cluster.Config with { Nodes = [.. _h.Cluster.Config.Nodes] };
        await _h.PassAsync();

        Assert.Equal(before, _bus.PeerSets.Sets);
    }

    [Fact]
    public async Task SecretChange_PublishesANewSet_OnlyForTheNodesOfThatPeer()
    {
        await _h.SettleAsync();
        var before = _bus.PeerSets.Sets.ToDictionary(s => s.Node);

        Secrets(Secret("tor-pass", "tor-s3cret-2"));
        await _h.PassAsync();

        var a = await _bus.Inbox.WaitForAsync<BgpPeerSet>(s => s.Node == "node-a" && s.Generation > before["node-a"].Generation, Timeout);
        Assert.Equal("tor-s3cret-2", Unseal("node-a", a.Peers.Single(p => p.Name == "tor")));
        Assert.Equal(before["node-b"], _bus.PeerSets.For("node-b"));
    }

    [Fact]
    public async Task KeyRotation_SealsAgainUnderTheNewKey_OnlySetsWithPasswords()
    {
        _h.Cluster.SetConfig(Config(PeerYaml("tor", "198.51.100.1", "rack: a", "passwordSecret: {name: tor-pass}")));
        Secrets(Secret("tor-pass", "tor-s3cret"));
        await _h.SettleAsync();
        var before = _bus.PeerSets.Sets.ToDictionary(s => s.Node);

        File.WriteAllBytes(KeyPath, RandomNumberGenerator.GetBytes(PasswordKey.Size));
        Assert.True(_keys.Refresh());
        await _h.PassAsync();

        var a = _bus.PeerSets.For("node-a")!;
        Assert.True(a.Generation > before["node-a"].Generation);
        Assert.Equal(_keys.Current!.KeyId, a.Peers.Single().Password!.KeyId);
        Assert.Equal("tor-s3cret", Unseal("node-a", a.Peers.Single()));
        Assert.Equal(before["node-b"], _bus.PeerSets.For("node-b"));
    }

    [Fact]
    public async Task NoKey_PeerWithAPassword_IsSentWithoutIt_SayingWhy()
    {
        File.Delete(KeyPath);
        _keys.Refresh();

        await _h.SettleAsync();

        var tor = _bus.PeerSets.For("node-a")!.Peers.Single(p => p.Name == "tor");
        Assert.Null(tor.Password);
        Assert.StartsWith("BGPPeer \"tor\" has a password, but the allocator has no key to seal it: the key file ", tor.PasswordProblem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "Secret \"metallb-system/tor-pass\" (spec.passwordSecret of BGPPeer \"tor\") not found")]
    [InlineData("opaque", "Secret \"metallb-system/tor-pass\" (spec.passwordSecret of BGPPeer \"tor\") has type \"Opaque\", \"kubernetes.io/basic-auth\" is expected")]
    [InlineData("no key", "Secret \"metallb-system/tor-pass\" (spec.passwordSecret of BGPPeer \"tor\") has no \"password\" key (data.password)")]
    public async Task UnusableSecret_PeerIsSentWithoutAPassword_AndTheProblem(string secret, string problem)
    {
        Secrets(secret switch
        {
            "missing" => [],
            "opaque" => [Secret("tor-pass", "tor-s3cret") with { Type = "Opaque" }],
            _ => [Secret("tor-pass", null)],
        });

        await _h.SettleAsync();

        var tor = _bus.PeerSets.For("node-a")!.Peers.Single(p => p.Name == "tor");
        Assert.Null(tor.Password);
        Assert.Equal(problem, tor.PasswordProblem);
    }

    [Fact]
    public async Task NodeLabels_NewNode_AndRemovedNode_ChangeTheSets()
    {
        await _h.SettleAsync();
        var removedAt = _bus.PeerSets.For("node-b")!.Generation;

        _h.Cluster.Config = _h.Cluster.Config with
        {
            Nodes = [Node("node-a", "rack: b"), Node("node-c", "rack: a")],
        };
        await _h.PassAsync();

        Assert.Equal(["spine"], _bus.PeerSets.For("node-a")!.Peers.Select(p => p.Name));
        Assert.Equal(["spine", "tor"], _bus.PeerSets.For("node-c")!.Peers.Select(p => p.Name));
        Assert.Equal(["node-a", "node-c"], _bus.PeerSets.Nodes);
        var gone = await _bus.Inbox.WaitForAsync<BgpPeerSet>(s => s.Node == "node-b" && s.Generation > removedAt, Timeout);
        Assert.Empty(gone.Peers);
    }

    [Fact]
    public async Task NewTerm_PublishesEverySetAgain_AtHigherGenerations()
    {
        await _h.SettleAsync();
        var before = _bus.PeerSets.Sets.ToDictionary(s => s.Node);

        _h.Reconciler.Reset();
        Assert.Empty(_bus.PeerSets.Sets);
        Assert.False(_bus.PeerSets.IsComplete);
        await _h.SettleAsync();

        Assert.All(_bus.PeerSets.Sets, s => Assert.True(s.Generation > before[s.Node].Generation));
        Assert.True(_bus.PeerSets.IsComplete);
    }

    [Fact]
    public async Task Snapshot_CarriesTheRequestersSet_AndAnEmptyOneForAnUnknownNode()
    {
        await _h.SettleAsync();
        var client = _bus.Bus.CreateRequestClient<RequestAnnouncementSnapshot>();

        var known = await client.GetResponse<AnnouncementSnapshot>(new RequestAnnouncementSnapshot("node-a"));
        var unknown = await client.GetResponse<AnnouncementSnapshot>(new RequestAnnouncementSnapshot("node-x"));

        Assert.Equal(JsonSerializer.Serialize(_bus.PeerSets.For("node-a")), JsonSerializer.Serialize(known.Message.PeerSet));
        Assert.Equal("node-x", unknown.Message.PeerSet!.Node);
        Assert.Empty(unknown.Message.PeerSet.Peers);
        Assert.True(unknown.Message.PeerSet.Generation > 0);
    }

    [Fact]
    public async Task Snapshot_BeforeEveryNodeHasItsSet_CarriesNoneForAnUnknownNode()
    {
        var client = _bus.Bus.CreateRequestClient<RequestAnnouncementSnapshot>();

        var response = await client.GetResponse<AnnouncementSnapshot>(new RequestAnnouncementSnapshot("node-a"));

        Assert.Null(response.Message.PeerSet);
    }

    [Fact]
    public async Task DigestPublisher_ListsTheNonEmptySets()
    {
        _h.Cluster.SetConfig(Config(PeerYaml("tor", "198.51.100.1", "rack: a", "password: x")));
        await _h.SettleAsync();
        var clock = new ManualTimeProvider();
        using var publisher = new PlanDigestPublisher(
            _bus.Bus, _bus.Ledger, _bus.Leadership, new AllocatorOptions(), clock, NullLogger<PlanDigestPublisher>.Instance, _bus.PeerSets);
        await publisher.StartAsync(CancellationToken.None);

        await clock.TimerArmed.WaitAsync(Timeout);
        clock.Advance(TimeSpan.FromSeconds(10));

        var digest = await _bus.Inbox.WaitForAsync<BgpPeerSetDigest>(_ => true, Timeout);
        Assert.Equal(new Dictionary<string, long> { ["node-a"] = _bus.PeerSets.For("node-a")!.Generation }, digest.Generations);
        await publisher.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Logs_NeverCarryAPassword()
    {
        await _h.SettleAsync();
        Secrets(Secret("tor-pass", null));
        await _h.PassAsync();
        File.Delete(KeyPath);
        _keys.Refresh();
        await _h.PassAsync();

        Assert.NotEmpty(_log.Lines);
        Assert.All(_log.Lines, line =>
        {
            Assert.DoesNotContain("tor-s3cret", line, StringComparison.Ordinal);
            Assert.DoesNotContain("plain-pass", line, StringComparison.Ordinal);
        });
    }

    private string? Unseal(string node, BgpPeerConfig peer)
    {
        var result = PasswordSealer.Unseal(_keys.Current, node, peer.Name, peer.Password!);
        Assert.Equal(UnsealOutcome.Unsealed, result.Outcome);
        return result.Password;
    }

    private void Secrets(params SecretInfo[] secrets) => _h.Cluster.Config = _h.Cluster.Config with { Secrets = secrets };

    private static SecretInfo Secret(string name, string? password) =>
        new(new ObjectMeta { Name = name, Namespace = Ns, ResourceVersion = Guid.NewGuid().ToString("N") })
        {
            Type = SecretInfo.BasicAuthType,
            Password = password,
        };

    private static NodeInfo Node(string name, string label) =>
        FakeCluster.Read($$"""
            apiVersion: v1
            kind: Node
            metadata:
              name: {{name}}
              labels: { {{label}} }
            """).Nodes.Single();

    private static string Config(string peers) => Yaml.Pool("blue", "192.0.2.10-192.0.2.20") + """

        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: node-a
          labels: { rack: a }
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: node-b
          labels: { rack: b }
        """ + peers;

    private static string PeerYaml(string name, string address, string? rack, string password) => $$"""

        ---
        apiVersion: metallb.io/v1beta2
        kind: BGPPeer
        metadata:
          name: {{name}}
          namespace: metallb-system
        spec:
          myASN: 64500
          peerASN: 64501
          peerAddress: {{address}}
          {{password}}
          nodeSelectors: [{{(rack is null ? "" : "{ matchLabels: { " + rack + " } }")}}]
        """;

    /// <summary>A logger that keeps every formatted line.</summary>
    private sealed class CapturingLogger : ILogger<BusPeerSetPublisher>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add($"{eventId.Id} {formatter(state, exception)} {exception}");
            }
        }
    }
}
