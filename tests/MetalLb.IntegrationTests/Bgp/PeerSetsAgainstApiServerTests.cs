using MassTransit;
using MetalLb.Allocator.Bus;
using MetalLb.Contracts;
using MetalLb.Hosting.Bgp;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>The allocator reads BGPPeers' passwordSecrets from a real kube-apiserver, live; the bus is in memory.</summary>
public sealed class PeerSetsAgainstApiServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [RootFact]
    public async Task PasswordSecret_IsReadLive_AProblemNamesWhatIsWrong_AndLabelsMovePeers()
    {
        await using var cluster = await AllocatorCluster.StartAsync();
        using var key = new ScratchKey();
        var keys = key.Open();
        var logs = new CapturedLogs();
        await cluster.ApplyAsync(AllocatorYaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        await cluster.ApplyAsync(PeerSetYaml.Node("node-a", "a"));
        await cluster.ApplyAsync(PeerSetYaml.Node("node-b", "b"));
        await cluster.ApplyAsync(PeerSetYaml.Peer("tor", "198.51.100.1", rack: "a"));
        await cluster.ApplyAsync(PeerSetYaml.Peer("spine", "198.51.100.2"));
        await cluster.ApplyAsync(PeerSetYaml.Secret("tor-pass", "tor-s3cret-1"));
        var (host, _) = await cluster.StartAllocatorAsync("replica-1", b =>
        {
            b.Configuration.AddInMemoryCollection([key.Setting]);
            b.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        });
        var ledger = host.Services.GetRequiredService<PeerSetLedger>();
        await AllocatorCluster.Until(() => Task.FromResult(ledger.IsComplete && ledger.Nodes.Count == 2), "a peer set for both nodes");

        var a = ledger.For("node-a")!;
        Assert.Equal(["spine", "tor"], a.Peers.Select(p => p.Name));
        Assert.Equal("tor-s3cret-1", Unseal(keys, "node-a", a.Peers[1]));
        Assert.Equal(
            "Secret \"metallb-system/spine-pass\" (spec.passwordSecret of BGPPeer \"spine\") not found",
            a.Peers[0].PasswordProblem);
        Assert.Null(a.Peers[0].Password);
        Assert.Equal(["spine"], ledger.For("node-b")!.Peers.Select(p => p.Name));

        var sets = new Inbox<BgpPeerSet>(s => $"{s.Node}@{s.Generation}[{string.Join(",", s.Peers.Select(p => p.Name))}]");
        var endpoint = host.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint(
            "test-peer-sets", e => e.Handler<BgpPeerSet>(context =>
            {
                sets.Add(context.Message);
                return Task.CompletedTask;
            }));
        await endpoint.Ready.WaitAsync(Timeout);
        var nodeB = ledger.For("node-b")!;

        await cluster.ApplyAsync(PeerSetYaml.Secret("tor-pass", "tor-s3cret-2"));

        var changed = await sets.WaitForAsync(s => s.Node == "node-a" && s.Generation > a.Generation, Timeout);
        Assert.Equal("tor-s3cret-2", Unseal(keys, "node-a", changed.Peers[1]));
        Assert.Equal(nodeB, ledger.For("node-b"));

        await cluster.ApplyAsync(PeerSetYaml.Secret("spine-pass", "spine-s3cret", type: "Opaque"));

        var wrongType = await sets.WaitForAsync(s => s.Node == "node-b" && s.Peers[0].PasswordProblem != a.Peers[0].PasswordProblem, Timeout);
        Assert.Equal(
            "Secret \"metallb-system/spine-pass\" (spec.passwordSecret of BGPPeer \"spine\") has type \"Opaque\", \"kubernetes.io/basic-auth\" is expected",
            wrongType.Peers[0].PasswordProblem);

        await cluster.KubectlAsync("label", "node", "node-b", "rack=a", "--overwrite");

        var moved = await sets.WaitForAsync(s => s.Node == "node-b" && s.Peers.Any(p => p.Name == "tor"), Timeout);
        Assert.Equal("tor-s3cret-2", Unseal(keys, "node-b", moved.Peers.Single(p => p.Name == "tor")));
        Assert.All(logs.Lines, line =>
        {
            Assert.DoesNotContain("tor-s3cret", line, StringComparison.Ordinal);
            Assert.DoesNotContain("spine-s3cret", line, StringComparison.Ordinal);
        });
        Assert.Contains(logs.Lines, line => line.Contains("BGP peer set for node-b", StringComparison.Ordinal));
    }

    private static string? Unseal(PasswordKeyFile keys, string node, BgpPeerConfig peer) =>
        PasswordSealer.Unseal(keys.Current, node, peer.Name, peer.Password!).Password;
}
