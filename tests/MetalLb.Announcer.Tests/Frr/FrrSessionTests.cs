using MetalLb.Hosting.Bgp;
using static MetalLb.Announcer.Tests.Frr.TestPeers;

namespace MetalLb.Announcer.Tests.Frr;

/// <summary>Sessions from FRR's <c>show bgp vrf all neighbors json</c> (TestData/Frr/neighbors.json, captured from FRR 8.4.4).</summary>
public sealed class FrrSessionTests
{
    private static readonly string Captured = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Frr", "neighbors.json"));

    [Fact]
    public async Task Sessions_AreFrrsNeighbors_WithAnnouncedAndPendingPrefixes()
    {
        await using var h = new BackendHarness();
        h.Control.NeighborsJson = Captured;
        await h.Backend.SetPeersAsync([Peer("router"), Peer("silent", "192.0.2.3"), Peer("missing", "192.0.2.4")], [], default);
        await h.Backend.AdvertiseAsync(Route("203.0.113.10/32", "router"), default);
        await h.Backend.AdvertiseAsync(Route("203.0.113.11/32", "router"), default);
        await h.Backend.AdvertiseAsync(Route("203.0.113.10/32", "silent"), default);

        await h.Backend.PollOnceAsync(default);

        Assert.Equal(
            [
                new BgpPeerState("missing", "192.0.2.4:179", false, "not in FRR's configuration yet", 0, 0, 0),
                new BgpPeerState("router", "192.0.2.2:179", true, "BGP Notification send (Cease/BFD Down)", 1, 1, 2),
                new BgpPeerState("silent", "192.0.2.3:179", false, "Waiting for peer OPEN", 0, 1, 0),
            ],
            h.Backend.Sessions);
    }

    [Fact]
    public async Task SessionChanged_IsRaisedWhenASessionComesUpAndGoesDown()
    {
        await using var h = new BackendHarness();
        var events = new List<BgpPeerState>();
        h.Backend.SessionChanged += s =>
        {
            lock (events)
            {
                events.Add(s);
            }
        };
        await h.Backend.SetPeersAsync([Peer("router")], [], default);
        h.Control.NeighborsJson = Captured;
        await h.Backend.PollOnceAsync(default);
        await h.Backend.PollOnceAsync(default);

        h.Control.NeighborsJson = Captured.Replace("\"bgpState\": \"Established\"", "\"bgpState\": \"Active\"", StringComparison.Ordinal);
        await h.Backend.PollOnceAsync(default);

        lock (events)
        {
            Assert.Equal([(true, 1), (false, 0)], events.Select(e => (e.Up, e.Announced)));
        }
    }

    [Fact]
    public async Task Polls_RunOneAtATime_SoAnEarlierAnswerIsNeverAppliedOverALaterOne()
    {
        await using var h = new BackendHarness();
        await h.Backend.SetPeersAsync([Peer("router")], [], default);
        await h.Control.FirstRead.WaitAsync(TimeSpan.FromSeconds(30));
        var (started, stale) = h.Control.HoldNextRead();
        var early = h.Backend.PollOnceAsync(default);
        await started.WaitAsync(TimeSpan.FromSeconds(30));

        h.Control.NeighborsJson = Captured;
        var late = h.Backend.PollOnceAsync(default);
        stale.SetResult("{}");
        await Task.WhenAll(early, late).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(Assert.Single(h.Backend.Sessions).Up, "the session from the later answer (Established) was overwritten by the earlier one");
    }

    [Fact]
    public async Task FrrDown_ShowsInEverySession_AndNothingThrows()
    {
        await using var h = new BackendHarness();
        h.Control.Down = true;
        h.Control.FailNext = 1;
        await h.Backend.SetPeersAsync([Peer("router"), Peer(Config("v6", "2001:db8:f7::2") with { Port = 1179 })], [], default);
        await h.Backend.AdvertiseAsync(Route("203.0.113.10/32", "router"), default);

        await h.Backend.PollOnceAsync(default);
        var attempt = await h.AdvanceToAttempt(BackendHarness.Debounce);

        Assert.All(h.Backend.Sessions, s => Assert.StartsWith("FRR does not answer: vtysh exited 1", s.LastError, StringComparison.Ordinal));
        Assert.Equal(["192.0.2.2:179", "[2001:db8:f7::2]:1179"], h.Backend.Sessions.Select(s => s.Endpoint));
        Assert.Equal((false, 1), (h.Backend.Sessions[0].Up, h.Backend.Sessions[0].Pending));
        Assert.Equal(Announcer.Frr.FrrApplyOutcome.Failed, attempt.Outcome);
    }

    [Fact]
    public async Task SkippedPeer_ShowsWhy()
    {
        await using var h = new BackendHarness();
        await h.Backend.SetPeersAsync([Peer(Config("router") with { PasswordProblem = "Secret metallb-system/bgp not found" })], [], default);
        await h.AdvanceToAttempt(BackendHarness.Debounce);

        Assert.Equal("its password cannot be used: Secret metallb-system/bgp not found", Assert.Single(h.Backend.Sessions).LastError);
    }
}
