using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using MetalLb.Announcer.Bgp;
using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Messages;
using MetalLb.Bgp.Speaker;
using MetalLb.Bgp.Tests.Speaker;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MetalLb.Announcer.Tests.Bgp;

public sealed class NativeBgpBackendTests : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly NativeBgpBackend _backend = new(
        Options.Create(new BgpSpeakerOptions { NodeName = "node-a" }), new FakeTimeProvider(), NullLogger<BgpSpeaker>.Instance);
    private readonly Channel<BgpPeerState> _changes = Channel.CreateUnbounded<BgpPeerState>();

    public NativeBgpBackendTests()
    {
        _listener.Start();
        _backend.SessionChanged += s => _changes.Writer.TryWrite(s);
    }

    private ResolvedPeer Peer(string name = "router", uint peerAsn = 64512) =>
        new(NativePeerMapperTests.Config(name, "127.0.0.1", peerAsn) with { Port = ((IPEndPoint)_listener.LocalEndpoint).Port }, null);

    private async Task<ScriptedConnection> AcceptAsync(uint asn = 64512)
    {
        using var deadline = new CancellationTokenSource(ScriptedConnection.Timeout);
        var connection = new ScriptedConnection(await _listener.AcceptSocketAsync(deadline.Token));
        await connection.EstablishAsync(asn);
        return connection;
    }

    [Fact]
    public async Task RoutesSetBeforeThePeer_ReachItWithTheirAttributes_AndTheSessionIsReportedUp()
    {
        await _backend.AdvertiseAsync(new RouteAdvertisement("203.0.113.7/32", "router", 300, ["64512:7", "large:1:2:3"]), default);

        await _backend.SetPeersAsync([Peer()], [], default);
        await using var connection = await AcceptAsync();
        var update = Assert.Single(await connection.UpdatesUntilEndOfRibAsync());
        var up = await _changes.Reader.ReadAsync().AsTask().WaitAsync(ScriptedConnection.Timeout);

        Assert.Equal(("203.0.113.7/32", 300u), (Assert.Single(update.Nlri).ToString(), update.LocalPref));
        Assert.Equal([Community.Of(64512, 7)], update.Communities);
        Assert.Equal([new LargeCommunity(1, 2, 3)], update.LargeCommunities);
        Assert.Equal(("router", true, null), (up.Peer, up.Up, up.LastError));
        Assert.Equal($"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}", up.Endpoint);
    }

    [Fact]
    public async Task SettingTheSamePeersAgain_KeepsTheSession_AndRemovingThemSendsACease()
    {
        await _backend.AdvertiseAsync(new RouteAdvertisement("203.0.113.7/32", "router", 0, []), default);
        await _backend.SetPeersAsync([Peer()], [], default);
        await using var connection = await AcceptAsync();
        await connection.UpdatesUntilEndOfRibAsync();

        await _backend.SetPeersAsync([Peer()], [], default);
        await _backend.WithdrawAsync(new RouteAdvertisement("203.0.113.7/32", "router", 0, []), default);
        var withdrawal = await connection.NextUpdateAsync();
        await _backend.SetPeersAsync([], [], default);
        var cease = Assert.IsType<NotificationMessage>(await connection.ReceiveSkippingKeepalivesAsync());

        Assert.Equal("203.0.113.7/32", Assert.Single(withdrawal.Withdrawn).ToString());
        Assert.Equal(BgpErrorCode.Cease, cease.Code);
        Assert.Empty(_backend.Sessions);
    }

    [Fact]
    public async Task RefusedPeers_AreListedDownWithTheReason_NextToRunningOnes()
    {
        var refused = new ResolvedPeer(NativePeerMapperTests.Config("red") with { Vrf = "red" }, null);

        await _backend.SetPeersAsync([Peer(), refused], [], default);
        await using var connection = await AcceptAsync();

        var red = Assert.Single(_backend.Sessions, s => s.Peer == "red");
        Assert.Equal(new BgpPeerState("red", "192.0.2.1:179", false, "vrf red is not supported by the native speaker", 0, 0, 0), red);
        Assert.Contains(_backend.Sessions, s => s.Peer == "router");
    }

    public async ValueTask DisposeAsync()
    {
        await _backend.DisposeAsync();
        _listener.Stop();
        _listener.Dispose();
    }
}
