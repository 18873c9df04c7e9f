using System.Net;
using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Speaker;
using MetalLb.Domain.Net;
using MetalLb.TestSupport.Bgp;
using Microsoft.Extensions.Logging.Abstractions;
using RibRoute = MetalLb.TestSupport.Bgp.BgpRoute;
using SpeakerRoute = MetalLb.Bgp.Speaker.BgpRoute;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>
/// Our speaker in the test process (root namespace) and one real router (gobgpd, BIRD or FRR) in a namespace of its
/// own, joined by a veth pair: the router listens (passive) for an IPv4 and an IPv6 session from our end of the link.
/// The speaker runs on the real clock with short back-offs, so recoveries take a second, not minutes.
/// </summary>
internal sealed class SpeakerLab : IAsyncDisposable
{
    public const uint OurAsn = 64512;
    public const uint RouterAsn = 64513;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly BgpTestNetwork _network;
    private readonly SemaphoreSlim _changed = new(0);

    private SpeakerLab(BgpTestNetwork network, BgpLink link, IBgpRouter router, BgpSpeaker speaker)
    {
        _network = network;
        Link = link;
        Router = router;
        Speaker = speaker;
        Speaker.PeerChanged += _ => _changed.Release();
    }

    public BgpLink Link { get; }

    public IBgpRouter Router { get; }

    public BgpSpeaker Speaker { get; }

    /// <summary>Starts the router with neighbours for our IPv4 and IPv6 ends; <paramref name="neighbor"/> adjusts both.</summary>
    public static async Task<SpeakerLab> StartAsync(BgpRouterKind kind, uint routerAsn = RouterAsn, Func<BgpNeighbor, BgpNeighbor>? neighbor = null)
    {
        var network = await BgpTestNetwork.CreateAsync();
        try
        {
            var link = await network.AddRouterAsync("router");
            neighbor ??= n => n;
            var router = await BgpRouters.StartAsync(kind, new BgpRouterOptions(
                link.Router,
                routerAsn,
                link.RouterIpv4,
                [
                    neighbor(new BgpNeighbor(link.NodeIpv4, OurAsn)),
                    neighbor(new BgpNeighbor(link.NodeIpv6, OurAsn) { Families = [BgpFamily.Ipv6] }),
                ]));
            var speaker = new BgpSpeaker(
                new BgpSpeakerOptions
                {
                    NodeName = "node-a",
                    ConnectRetry = TimeSpan.FromMilliseconds(200),
                    MaxConnectRetry = TimeSpan.FromSeconds(1),
                    ConnectTimeout = TimeSpan.FromSeconds(2),
                },
                TimeProvider.System,
                NullLogger<BgpSpeaker>.Instance);
            return new SpeakerLab(network, link, router, speaker);
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }
    }

    /// <summary>Our peer for the router's IPv4 (<paramref name="ipv6"/> false) or IPv6 address.</summary>
    public BgpPeerOptions Peer(string name, bool ipv6 = false, uint routerAsn = RouterAsn) =>
        new(name, IPAddress.Parse(ipv6 ? Link.RouterIpv6 : Link.RouterIpv4), OurAsn, routerAsn);

    public static SpeakerRoute Route(string prefix, uint? localPref = null, IEnumerable<(ushort, ushort)>? communities = null, IEnumerable<(uint, uint, uint)>? large = null) =>
        new(IpPrefix.Parse(prefix), new RouteAttributes(
            localPref,
            (communities ?? []).Select(c => Community.Of(c.Item1, c.Item2)),
            (large ?? []).Select(l => new LargeCommunity(l.Item1, l.Item2, l.Item3))));

    /// <summary>Waits for a peer's state or last error to satisfy <paramref name="condition"/> (state changes raise an event).</summary>
    public async Task<BgpPeerStatus> WaitForAsync(string peer, Func<BgpPeerStatus, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            if (Speaker.Peer(peer) is { } status && condition(status))
            {
                return status;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left))
            {
                throw new TimeoutException($"peer {peer} never got there; last status {Speaker.Peer(peer)}\n{Router.Logs()}");
            }
        }
    }

    public Task<IReadOnlyList<RibRoute>> WaitForRoutesAsync(BgpFamily family, Func<IReadOnlyList<RibRoute>, bool> predicate) =>
        Router.WaitForRoutesAsync(family, predicate, Timeout);

    public async ValueTask DisposeAsync()
    {
        await Speaker.DisposeAsync();
        await Router.DisposeAsync();
        await _network.DisposeAsync();
        _changed.Dispose();
    }
}
