using System.Text;
using MetalLb.Allocator.Bus;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.IntegrationTests.Bus;
using MetalLb.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>
/// Peer sets from the real allocator (real kube-apiserver) over a real RabbitMQ to announcers' peer-set agents: the
/// password never crosses the broker in plain text, and an announcer that starts late gets its set by snapshot.
/// </summary>
[Collection(RealBroker.Name)]
public sealed class PeerSetsOverRabbitMqTests
{
    private const string Exchange = "MetalLb.Contracts:BgpPeerSet";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [RootFact]
    public async Task PasswordIsSealedOnTheWire_AnnouncersUnsealIt_ALateOneBySnapshot()
    {
        await using var scenario = await BusScenario.StartAsync();
        using var key = new ScratchKey();
        var logs = new CapturedLogs();
        await scenario.Cluster.ApplyAsync(PeerSetYaml.Node("node-a", "a"));
        await scenario.Cluster.ApplyAsync(PeerSetYaml.Node("node-b", "a"));
        await scenario.Cluster.ApplyAsync(PeerSetYaml.Peer("tor", "198.51.100.1"));
        await scenario.Cluster.ApplyAsync(PeerSetYaml.Secret("tor-pass", "tor-s3cret-1"));
        var early = new AwaitableBackend();
        await scenario.StartAsync(PeerSetAnnouncer.Build(scenario.Broker, "node-a", key, early, logs));
        await using var wire = await RawQueue.BindAsync(scenario.Broker, Exchange);
        var allocator = await scenario.StartAllocatorAsync(configure: b =>
        {
            b.Configuration.AddInMemoryCollection([key.Setting]);
            b.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        });

        var first = await wire.NextAsync(body => Text(body).Contains("\"node-a\"", StringComparison.Ordinal), Timeout);
        await early.WaitForAsync(p => p.Any(r => r.Password == "tor-s3cret-1"), "node-a's backend to get tor with its password");
        Assert.Contains("\"keyId\"", Text(first), StringComparison.Ordinal);

        var ledger = allocator.Services.GetRequiredService<PeerSetLedger>();
        await AllocatorCluster.Until(() => Task.FromResult(ledger.IsComplete && ledger.Nodes.Count == 2), "a peer set for both nodes");
        var late = new AwaitableBackend();
        await scenario.StartAsync(PeerSetAnnouncer.Build(scenario.Broker, "node-b", key, late, logs));

        await late.WaitForAsync(p => p.Any(r => r.Password == "tor-s3cret-1"), "node-b's backend to get tor by snapshot");

        await scenario.Cluster.ApplyAsync(PeerSetYaml.Secret("tor-pass", "tor-s3cret-2"));

        await early.WaitForAsync(p => p.Any(r => r.Password == "tor-s3cret-2"), "node-a's backend to get the changed password");
        await late.WaitForAsync(p => p.Any(r => r.Password == "tor-s3cret-2"), "node-b's backend to get the changed password");
        await wire.NextAsync(body => Text(body).Contains("\"node-b\"", StringComparison.Ordinal), Timeout);
        Assert.True(wire.Seen.Count >= 3, $"expected the sets of both nodes and a changed one on the wire, saw {wire.Seen.Count}");
        foreach (var body in wire.Seen)
        {
            foreach (var secret in new[] { "tor-s3cret-1", "tor-s3cret-2" })
            {
                Assert.DoesNotContain(secret, Text(body), StringComparison.Ordinal);
                Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), Text(body), StringComparison.Ordinal);
            }
        }

        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line => Assert.DoesNotContain("tor-s3cret", line, StringComparison.Ordinal));
    }

    private static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
