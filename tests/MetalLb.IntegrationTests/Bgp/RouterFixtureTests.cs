using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MetalLb.TestSupport;
using MetalLb.TestSupport.Bgp;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>
/// The router fixtures against each other: one real daemon (in a node namespace) sends to another (in a router
/// namespace), and what the receiver's parsed RIB says is checked against what the sender was told to send. This is
/// what proves the RIB parsers, the generated configurations, MD5, restart, freeze and BFD before tests of our own
/// speaker rely on them. IPv4 routes ride an IPv4 session, IPv6 routes an IPv6 session.
/// </summary>
public sealed class RouterFixtureTests
{
    private const uint LocalAs = 64500;
    private const uint RemoteAs = 4200000001;
    private const string Password = "mlb-secret";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly OriginatedRoute V4Tagged = new(IPNetwork.Parse("198.51.100.64/28"))
    {
        Communities = ["65000:101", "65000:102"],
        LargeCommunities = ["65000:1:1", "4200000000:1:2"],
        LocalPref = 150,
        Med = 7,
    };

    private static readonly OriginatedRoute V4Plain = new(IPNetwork.Parse("198.51.100.201/32"));

    private static readonly OriginatedRoute V6Tagged = new(IPNetwork.Parse("2001:db8:c::/64"))
    {
        Communities = ["65000:103"],
        LargeCommunities = ["65000:1:3"],
        LocalPref = 120,
        Med = 9,
    };

    [RootFact]
    public async Task RootLinks_OfTwoNetworks_DoNotCollide_AndTheTestProcessReachesTheRouterOverIpv4AndIpv6()
    {
        await using var first = await BgpTestNetwork.CreateAsync();
        await using var second = await BgpTestNetwork.CreateAsync();
        var link = await first.AddRouterAsync("router");
        var other = await second.AddRouterAsync("router");
        await using var bird = await BirdRouter.StartAsync(new BgpRouterOptions(
            link.Router,
            LocalAs,
            link.RouterIpv4,
            [new BgpNeighbor(link.NodeIpv4, LocalAs) { Families = [BgpFamily.Ipv4] }, new BgpNeighbor(link.NodeIpv6, LocalAs) { Families = [BgpFamily.Ipv6] }]));

        var openV4 = await ReadMessageHeaderAsync(link.NodeIpv4, link.RouterIpv4);
        var openV6 = await ReadMessageHeaderAsync(link.NodeIpv6, link.RouterIpv6);

        Assert.Null(link.Node);
        Assert.NotEqual(link.NodeIpv4, other.NodeIpv4);
        Assert.NotEqual(link.NodeIpv6, other.NodeIpv6);
        Assert.All(new[] { openV4, openV6 }, header => Assert.All(header[..16], b => Assert.Equal(0xff, b)));
        Assert.Equal(1, openV4[18]);
        Assert.Equal(1, openV6[18]);
    }

    [RootTheory]
    [InlineData(BgpRouterKind.Bird, BgpRouterKind.GoBgp)]
    [InlineData(BgpRouterKind.Bird, BgpRouterKind.Frr)]
    [InlineData(BgpRouterKind.GoBgp, BgpRouterKind.Bird)]
    [InlineData(BgpRouterKind.Frr, BgpRouterKind.Bird)]
    public async Task Ibgp_WithMd5_CarriesCommunitiesLargeCommunitiesLocalPrefAndMed(BgpRouterKind sender, BgpRouterKind receiver)
    {
        await using var network = await BgpTestNetwork.CreateAsync();
        await using var pair = await StartPairAsync(network, sender, LocalAs, receiver, LocalAs, Password);
        var (link, from, to) = pair;

        var v4 = await to.WaitForRoutesAsync(BgpFamily.Ipv4, r => r.Count == 2, Timeout);
        var v6 = await to.WaitForRoutesAsync(BgpFamily.Ipv6, r => r.Count == 1, Timeout);

        var tagged = Assert.Single(v4, r => r.Prefix == V4Tagged.Prefix);
        AssertCarries(V4Tagged, tagged, IPAddress.Parse(link.NodeIpv4), []);
        Assert.Equal(150u, tagged.LocalPref);
        var plain = Assert.Single(v4, r => r.Prefix == V4Plain.Prefix);
        AssertCarries(V4Plain, plain, IPAddress.Parse(link.NodeIpv4), []);
        AssertCarries(V6Tagged, Assert.Single(v6), IPAddress.Parse(link.NodeIpv6), []);
        Assert.Equal(120u, v6[0].LocalPref);
        Assert.Equal(BgpSessionState.Established, await from.NeighborStateAsync(link.RouterIpv4));
    }

    [RootTheory]
    [InlineData(BgpRouterKind.GoBgp, BgpRouterKind.Bird)]
    [InlineData(BgpRouterKind.Frr, BgpRouterKind.Bird)]
    [InlineData(BgpRouterKind.Bird, BgpRouterKind.GoBgp)]
    [InlineData(BgpRouterKind.Bird, BgpRouterKind.Frr)]
    public async Task Ebgp_PrependsTheSendersFourOctetAsn(BgpRouterKind sender, BgpRouterKind receiver)
    {
        await using var network = await BgpTestNetwork.CreateAsync();
        await using var pair = await StartPairAsync(network, sender, RemoteAs, receiver, LocalAs, password: null);
        var (link, from, to) = pair;

        var v4 = await to.WaitForRoutesAsync(BgpFamily.Ipv4, r => r.Count == 2, Timeout);
        var v6 = await to.WaitForRoutesAsync(BgpFamily.Ipv6, r => r.Count == 1, Timeout);

        AssertCarries(V4Tagged, Assert.Single(v4, r => r.Prefix == V4Tagged.Prefix), IPAddress.Parse(link.NodeIpv4), [RemoteAs]);
        AssertCarries(V4Plain, Assert.Single(v4, r => r.Prefix == V4Plain.Prefix), IPAddress.Parse(link.NodeIpv4), [RemoteAs]);
        AssertCarries(V6Tagged, Assert.Single(v6), IPAddress.Parse(link.NodeIpv6), [RemoteAs]);
    }

    [RootFact]
    public async Task Md5_OnTheReceiverOnly_KeepsTheSessionDown_TheKernelDropsUnsignedSegments()
    {
        await using var network = await BgpTestNetwork.CreateAsync();
        var node = await network.AddNodeAsync("node");
        var link = await network.AddRouterAsync("router", node);
        await using var receiver = await GoBgpRouter.StartAsync(new BgpRouterOptions(
            link.Router, LocalAs, link.RouterIpv4, [new BgpNeighbor(link.NodeIpv4, LocalAs) { Password = Password }]));
        await using var sender = await BirdRouter.StartAsync(new BgpRouterOptions(
            node, LocalAs, link.NodeIpv4, [new BgpNeighbor(link.RouterIpv4, LocalAs) { Passive = false }]));

        await UntilAsync(async () => await Md5NotFoundAsync(link.Router) > 0, "the receiver's kernel to drop an unsigned SYN");

        Assert.NotEqual(BgpSessionState.Established, await receiver.NeighborStateAsync(link.NodeIpv4));
        Assert.NotEqual(BgpSessionState.Established, await sender.NeighborStateAsync(link.RouterIpv4));
    }

    [RootTheory]
    [InlineData(BgpRouterKind.GoBgp, BgpRouterKind.Bird)]
    [InlineData(BgpRouterKind.Bird, BgpRouterKind.GoBgp)]
    [InlineData(BgpRouterKind.Frr, BgpRouterKind.Bird)]
    public async Task Restart_OfTheSender_BringsTheSessionAndItsOriginatedRoutesBack(BgpRouterKind sender, BgpRouterKind receiver)
    {
        await using var network = await BgpTestNetwork.CreateAsync();
        await using var pair = await StartPairAsync(network, sender, LocalAs, receiver, LocalAs, password: null);
        var (link, from, to) = pair;
        await to.WaitForRoutesAsync(BgpFamily.Ipv4, r => r.Count == 2, Timeout);

        await from.RestartAsync();
        await from.WaitEstablishedAsync(link.RouterIpv4, Timeout);
        await to.WaitEstablishedAsync(link.NodeIpv4, Timeout);
        var routes = await to.WaitForRoutesAsync(BgpFamily.Ipv4, r => r.Count == 2, Timeout);

        Assert.Equal(150u, routes.Single(r => r.Prefix == V4Tagged.Prefix).LocalPref);
        Assert.Equal(["65000:101", "65000:102"], routes.Single(r => r.Prefix == V4Tagged.Prefix).Communities);
    }

    [RootTheory]
    [InlineData(BgpRouterKind.Bird, BgpRouterKind.GoBgp)]
    [InlineData(BgpRouterKind.GoBgp, BgpRouterKind.Bird)]
    public async Task Freeze_OfTheReceiver_ExpiresTheSendersHoldTimer_AndThawRecovers(BgpRouterKind sender, BgpRouterKind receiver)
    {
        await using var network = await BgpTestNetwork.CreateAsync();
        await using var pair = await StartPairAsync(network, sender, LocalAs, receiver, LocalAs, password: null, holdTime: 3);
        var (link, from, to) = pair;

        await to.FreezeAsync();
        await UntilAsync(
            async () => await from.NeighborStateAsync(link.RouterIpv4) != BgpSessionState.Established,
            "the sender's hold timer to expire");
        await to.ThawAsync();

        await from.WaitEstablishedAsync(link.RouterIpv4, Timeout);
        await to.WaitEstablishedAsync(link.NodeIpv4, Timeout);
        await to.WaitForRoutesAsync(BgpFamily.Ipv4, r => r.Count == 2, Timeout);
    }

    [RootFact]
    public async Task Bfd_BetweenBirdAndFrr_ComesUp_AndTakesTheSessionDownWhenFrrFreezes()
    {
        await using var network = await BgpTestNetwork.CreateAsync();
        var node = await network.AddNodeAsync("node");
        var link = await network.AddRouterAsync("router", node);
        var bfd = new BfdOptions(300, 300, 3);
        await using var frr = await FrrRouter.StartAsync(new BgpRouterOptions(
            link.Router, LocalAs, link.RouterIpv4, [new BgpNeighbor(link.NodeIpv4, LocalAs) { Bfd = bfd, Families = [BgpFamily.Ipv4] }]));
        await using var bird = await BirdRouter.StartAsync(new BgpRouterOptions(
            node, LocalAs, link.NodeIpv4, [new BgpNeighbor(link.RouterIpv4, LocalAs) { Passive = false, Bfd = bfd, Families = [BgpFamily.Ipv4] }]));
        await bird.WaitEstablishedAsync(link.RouterIpv4, Timeout);

        await UntilAsync(async () => (await bird.BfdSessionsAsync()).Any(s => s is { State: BfdState.Up }), "BIRD's BFD session to be Up");
        var frrSession = await UntilAsync(
            async () => (await frr.BfdSessionsAsync()).SingleOrDefault(s => s.State == BfdState.Up),
            s => s is not null,
            "FRR's BFD peer to be up");
        await frr.FreezeAsync();
        await UntilAsync(
            async () => await bird.NeighborStateAsync(link.RouterIpv4) != BgpSessionState.Established,
            "BFD to take BIRD's session down (hold time is 90 s)");

        Assert.Equal(link.NodeIpv4, frrSession!.Peer);
        Assert.Equal(BfdState.Down, Assert.Single(await bird.BfdSessionsAsync(), s => s.Peer == link.RouterIpv4).State);
        await frr.ThawAsync();
        await bird.WaitEstablishedAsync(link.RouterIpv4, Timeout);
    }

    private static void AssertCarries(OriginatedRoute sent, BgpRoute received, IPAddress sender, uint[] asPath)
    {
        Assert.Equal(sent.Prefix, received.Prefix);
        Assert.Equal(sender, received.NextHop);
        Assert.Equal(sender, received.Peer);
        if (sent.Med is not null)
        {
            // Without one set, FRR still sends MED 0 (the IGP metric of a network statement); GoBGP and BIRD send none.
            Assert.Equal(sent.Med, received.Med);
        }

        Assert.Equal(sent.Communities, received.Communities);
        Assert.Equal(sent.LargeCommunities, received.LargeCommunities);
        Assert.Equal(asPath, received.AsPath);
    }

    /// <summary>
    /// The sender runs in a node namespace, the receiver in the router namespace. Two sessions: IPv4 routes over IPv4,
    /// IPv6 routes over IPv6. One side dials, chosen for a quick set-up: BIRD if either is BIRD (it dials within a
    /// second), else FRR; gobgpd waits 5–10 s before its first dial. Returns once both sessions are Established.
    /// </summary>
    private static async Task<RouterPair> StartPairAsync(
        BgpTestNetwork network, BgpRouterKind sender, uint senderAs, BgpRouterKind receiver, uint receiverAs, string? password, int holdTime = 90)
    {
        var node = await network.AddNodeAsync("node");
        var link = await network.AddRouterAsync("router", node);
        var senderDials = sender == BgpRouterKind.Bird || (sender == BgpRouterKind.Frr && receiver != BgpRouterKind.Bird);
        var senderOptions = new BgpRouterOptions(node, senderAs, link.NodeIpv4, Neighbors(link.RouterIpv4, link.RouterIpv6, receiverAs, !senderDials, password, holdTime))
        {
            Routes = [V4Tagged, V4Plain, V6Tagged],
        };
        var receiverOptions = new BgpRouterOptions(link.Router, receiverAs, link.RouterIpv4, Neighbors(link.NodeIpv4, link.NodeIpv6, senderAs, senderDials, password, holdTime));

        // The waiting side first: a dial refused because the other daemon is not up yet makes BIRD back off.
        var first = await BgpRouters.StartAsync(senderDials ? receiver : sender, senderDials ? receiverOptions : senderOptions);
        try
        {
            var second = await BgpRouters.StartAsync(senderDials ? sender : receiver, senderDials ? senderOptions : receiverOptions);
            var pair = senderDials ? new RouterPair(link, second, first) : new RouterPair(link, first, second);
            try
            {
                await pair.Sender.WaitEstablishedAsync(link.RouterIpv4, Timeout);
                await pair.Sender.WaitEstablishedAsync(link.RouterIpv6, Timeout);
                return pair;
            }
            catch
            {
                await pair.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }
    }

    private static BgpNeighbor[] Neighbors(string ipv4, string ipv6, uint asn, bool passive, string? password, int holdTime) =>
    [
        new(ipv4, asn) { Passive = passive, Password = password, HoldTime = holdTime, Families = [BgpFamily.Ipv4] },
        new(ipv6, asn) { Passive = passive, Password = password, HoldTime = holdTime, Families = [BgpFamily.Ipv6] },
    ];

    /// <summary>Dials the router from the root namespace and reads the 19-byte header of the first message it sends (its OPEN).</summary>
    private static async Task<byte[]> ReadMessageHeaderAsync(string local, string remote)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        using var client = new TcpClient(new IPEndPoint(IPAddress.Parse(local), 0));
        await client.ConnectAsync(IPAddress.Parse(remote), 179, cancel.Token);
        var header = new byte[19];
        await client.GetStream().ReadExactlyAsync(header, cancel.Token);
        return header;
    }

    private static async Task<long> Md5NotFoundAsync(string ns)
    {
        var result = await BgpTestNetwork.ExecAsync(ns, "nstat", "-az", "TcpExtTCPMD5NotFound");
        var line = result.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith("TcpExtTCPMD5NotFound", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task UntilAsync(Func<Task<bool>> condition, string what) =>
        UntilAsync(condition, ok => ok, what);

    private static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > Timeout)
            {
                throw new TimeoutException($"timed out after {Timeout} waiting for {what}");
            }

            await Task.Delay(100);
        }
    }
}
