using MetalLb.Announcer.Frr;
using MetalLb.Contracts;
using MetalLb.Hosting.Bgp;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>
/// FRR mode against real daemons: our <see cref="FrrBgpBackend"/> drives a real FRR (zebra, bgpd, bfdd) in a node
/// namespace through vtysh and frr-reload; FRR peers with BIRD in a router namespace over iBGP (IPv4 with TCP-MD5 and
/// BFD, and IPv6). What BIRD receives and what bfdd and BIRD say about BFD are read from the daemons themselves.
/// </summary>
public sealed class FrrModeTests
{
    private static readonly BfdProfileConfig Fast = new("fast", ReceiveInterval: 150, TransmitInterval: 160, DetectMultiplier: 4, EchoInterval: null,
        EchoMode: false, PassiveMode: false, MinimumTtl: null);

    private static readonly IReadOnlyList<ResolvedPeer> Peers =
    [
        new(Peer("router4", FrrLab.RouterV4) with { HoldTime = TimeSpan.FromSeconds(9), BfdProfile = "fast", EnableGracefulRestart = true }, FrrLab.Password),
        new(Peer("router6", FrrLab.RouterV6), null),
    ];

    [RootFact]
    public async Task Routes_ReachTheRouterWithTheirAttributes_BfdComesUpWithTheProfile_ChangesAndWithdrawalsFollow()
    {
        await using var lab = await FrrLab.StartAsync();
        await using var backend = lab.Backend(TimeSpan.FromMilliseconds(300));
        var up = WhenUp(lab, backend, "router4", "router6");

        await backend.SetPeersAsync(Peers, [Fast], default);
        await backend.AdvertiseAsync(new("203.0.113.10/32", "router4", 200, ["64512:100", "large:64512:1:2"]), default);
        await backend.AdvertiseAsync(new("203.0.113.11/32", "router4", 0, ["65535:65281"]), default);
        await backend.AdvertiseAsync(new("2001:db8:f7:100::1/128", "router6", 150, ["large:64512:6:6"]), default);
        await up;

        var routes = await lab.UntilAsync(lab.BirdRoutesAsync, r => r.Count == 3, "three routes in BIRD");
        Assert.Equal(
            [
                "2001:db8:f7:100::1/128 lp=150 c=[] lc=[64512:6:6]",
                "203.0.113.10/32 lp=200 c=[64512:100] lc=[64512:1:2]",
                "203.0.113.11/32 lp=100 c=[65535:65281] lc=[]",
            ],
            routes.Select(r => r.ToString()).Order(StringComparer.Ordinal));
        var bfd = await lab.UntilAsync(lab.FrrBfdPeersAsync, p => p.Any(x => (string?)x["peer"] == FrrLab.RouterV4 && (string?)x["status"] == "up"), "BFD up in bfdd");
        var session = bfd.Single(x => (string?)x["peer"] == FrrLab.RouterV4);
        Assert.Equal((150, 160, 4), ((int)session["receive-interval"]!, (int)session["transmit-interval"]!, (int)session["detect-multiplier"]!));
        Assert.Matches($@"{FrrLab.NodeV4}\s+\S+\s+Up\s", await lab.BirdBfdAsync());
        var sessions = await lab.UntilAsync(() => Task.FromResult(backend.Sessions), s => s.All(x => x.Up && x.Pending == 0), "both sessions up, nothing pending");
        Assert.Equal([("router4", "192.0.2.2:179", 2), ("router6", "[2001:db8:f7::2]:179", 1)], sessions.Select(s => (s.Peer, s.Endpoint, s.Announced)));

        await backend.AdvertiseAsync(new("203.0.113.10/32", "router4", 250, ["64512:300"]), default);
        await backend.WithdrawAsync(new("203.0.113.11/32", "router4", 0, []), default);

        // A changed attribute waits for bgpd's route-map delay timer (5 s), a withdrawn prefix does not.
        await lab.UntilAsync(lab.BirdRoutesAsync, r => r.All(x => x.Prefix != "203.0.113.11/32"), "203.0.113.11/32 withdrawn");
        var changed = await lab.UntilAsync(
            lab.BirdRoutesAsync, r => r.Any(x => x.ToString() == "203.0.113.10/32 lp=250 c=[64512:300] lc=[]"), "203.0.113.10/32 with its new attributes");
        Assert.Equal(2, changed.Count);
    }

    [RootFact]
    public async Task UnchangedConfiguration_IsNotReloaded_RouteChangesLeaveTheSessionUp_ABurstIsOneReload()
    {
        await using var lab = await FrrLab.StartAsync();
        await using var backend = lab.Backend(TimeSpan.FromSeconds(2));
        var up = WhenUp(lab, backend, "router4", "router6");
        var first = NextAttempt(backend);
        await backend.SetPeersAsync(Peers, [Fast], default);
        await backend.AdvertiseAsync(new("203.0.113.10/32", "router4", 0, []), default);
        var applied = await first;
        Assert.True(applied.Outcome == FrrApplyOutcome.Applied, $"{applied}\n{lab.Logs()}");
        await up;
        await lab.UntilAsync(lab.BirdRoutesAsync, r => r.Count == 1, "the first route in BIRD");
        var before = await lab.FrrNeighborAsync(FrrLab.RouterV4);

        var unchanged = NextAttempt(backend);
        await backend.SetPeersAsync([.. Peers.Reverse()], [Fast], default);
        Assert.Equal(FrrApplyOutcome.Unchanged, (await unchanged).Outcome);
        Assert.Equal(1, backend.Applies);

        var burst = NextAttempt(backend);
        for (var i = 20; i < 40; i++)
        {
            await backend.AdvertiseAsync(new($"203.0.113.{i}/32", "router4", 0, ["64512:7"]), default);
        }

        Assert.Equal(FrrApplyOutcome.Applied, (await burst).Outcome);
        Assert.Equal(2, backend.Applies);
        await lab.UntilAsync(lab.BirdRoutesAsync, r => r.Count == 21, "the burst's 20 routes in BIRD");

        var next = NextAttempt(backend);
        await backend.WithdrawAsync(new("203.0.113.20/32", "router4", 0, []), default);
        Assert.Equal(FrrApplyOutcome.Applied, (await next).Outcome);
        Assert.Equal(3, backend.Applies);
        await lab.UntilAsync(lab.BirdRoutesAsync, r => r.Count == 20, "203.0.113.20/32 withdrawn");

        var after = await lab.FrrNeighborAsync(FrrLab.RouterV4);
        Assert.Equal((true, before!.ConnectionsEstablished), (after!.Established, after.ConnectionsEstablished));
        Assert.Equal(0, backend.Failures);
    }

    private static BgpPeerConfig Peer(string name, string address) =>
        new(name, FrrLab.Asn, FrrLab.Asn, DynamicAsn: null, LocalAsn: null, address, Interface: null, SourceAddress: null, Port: 179,
            HoldTime: null, KeepaliveTime: null, ConnectTime: TimeSpan.FromSeconds(1), RouterId: FrrLab.NodeV4, Password: null, PasswordProblem: null,
            BfdProfile: null, EnableGracefulRestart: false, EbgpMultiHop: false, Vrf: "", DualStackAddressFamily: false);

    /// <summary>Completes when every named session has come up (<see cref="IBgpBackend.SessionChanged"/>); fails with the daemons' output after a minute.</summary>
    private static async Task WhenUp(FrrLab lab, FrrBgpBackend backend, params string[] peers)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var up = new HashSet<string>(StringComparer.Ordinal);
        backend.SessionChanged += s =>
        {
            lock (up)
            {
                _ = s.Up ? up.Add(s.Peer) : up.Remove(s.Peer);
                if (peers.All(up.Contains))
                {
                    done.TrySetResult();
                }
            }
        };
        try
        {
            await done.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"sessions not up: {string.Join("; ", backend.Sessions)}\n{lab.Logs()}");
        }
    }

    private static Task<FrrApplyAttempt> NextAttempt(FrrBgpBackend backend)
    {
        var done = new TaskCompletionSource<FrrApplyAttempt>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(FrrApplyAttempt attempt)
        {
            backend.ApplyAttempted -= Handler;
            done.TrySetResult(attempt);
        }

        backend.ApplyAttempted += Handler;
        return done.Task.WaitAsync(TimeSpan.FromMinutes(2));
    }
}
