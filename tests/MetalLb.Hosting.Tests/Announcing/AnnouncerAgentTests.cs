using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Plans;
using MetalLb.Hosting.Tests.Plans;

namespace MetalLb.Hosting.Tests.Announcing;

public class AnnouncerAgentTests
{
    [Fact]
    public async Task Apply_Plan_ClaimsAndAdvertisesOnce_ThenDuplicateSendsNothing()
    {
        var plane = new RecordingDataPlane();
        using var agent = new AnnouncerAgent("node-a", plane);

        var statuses = await agent.ApplyAsync(TestPlans.Plan("ns/web", 1));
        var again = await agent.ApplyAsync(TestPlans.Plan("ns/web", 1));

        Assert.Equal(
            ["gratuitous ARP 192.0.2.1 on all interfaces", "BGP UPDATE to peer-1: 192.0.2.1/32 localPref 100 communities 65000:1"],
            plane.Sent);
        Assert.Equal(["bgp", "l2"], statuses.Select(s => s.Protocol).Order());
        Assert.All(statuses, s => Assert.True(s.Announcing));
        Assert.Empty(again);
        Assert.Equal(agent.Book.Digest(), agent.AppliedDigest);
    }

    [Fact]
    public async Task Apply_OlderPlanAfterNewer_ChangesNothing()
    {
        var plane = new RecordingDataPlane();
        using var agent = new AnnouncerAgent("node-a", plane);
        await agent.ApplyAsync(TestPlans.Plan("ns/web", 2, "192.0.2.2"));

        var statuses = await agent.ApplyAsync(TestPlans.Plan("ns/web", 1, "192.0.2.1"));

        Assert.Empty(statuses);
        Assert.Equal(["192.0.2.2"], agent.Claims.Select(c => c.Ip));
        Assert.DoesNotContain(plane.Sent, s => s.Contains("192.0.2.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_NewIp_ReleasesOldAndClaimsNew_WithdrawsOldRoute()
    {
        var plane = new RecordingDataPlane();
        using var agent = new AnnouncerAgent("node-a", plane);
        await agent.ApplyAsync(TestPlans.Plan("ns/web", 1, "192.0.2.1"));

        await agent.ApplyAsync(TestPlans.Plan("ns/web", 2, "192.0.2.9"));

        Assert.Equal(["192.0.2.9"], agent.Claims.Select(c => c.Ip));
        Assert.Equal(["192.0.2.9/32"], agent.Routes.Select(r => r.Prefix));
        Assert.Contains("stop answering ARP for 192.0.2.1", plane.Sent);
        Assert.Contains("BGP UPDATE to peer-1: withdraw 192.0.2.1/32", plane.Sent);
    }

    [Fact]
    public async Task Apply_Withdrawal_ReleasesEverythingAndReportsNotAnnouncing()
    {
        using var agent = new AnnouncerAgent("node-a", new RecordingDataPlane());
        await agent.ApplyAsync(TestPlans.Plan("ns/web", 1));

        var statuses = await agent.ApplyAsync(new AnnouncementWithdrawn("ns/web", 2));

        Assert.Empty(agent.Claims);
        Assert.Empty(agent.Routes);
        Assert.Equal(2, statuses.Count);
        Assert.All(statuses, s => Assert.False(s.Announcing));
        Assert.All(statuses, s => Assert.Equal(2, s.Generation));
        Assert.Empty(agent.Reported);
    }

    [Fact]
    public async Task Apply_ReorderedMessages_EndInTheSameStateAsInOrder()
    {
        var messages = new object[]
        {
            TestPlans.Plan("ns/a", 1, "192.0.2.1"), TestPlans.Plan("ns/b", 1, "192.0.2.2"), TestPlans.Plan("ns/a", 2, "192.0.2.3"),
            new AnnouncementWithdrawn("ns/b", 2), TestPlans.Plan("ns/c", 5, "192.0.2.5"),
        };
        using var inOrder = new AnnouncerAgent("node-a", new RecordingDataPlane());
        using var reversed = new AnnouncerAgent("node-a", new RecordingDataPlane());

        foreach (var m in messages)
        {
            await ApplyAsync(inOrder, m);
        }

        foreach (var m in messages.Reverse().Concat(messages))
        {
            await ApplyAsync(reversed, m);
        }

        Assert.Equal(inOrder.Claims, reversed.Claims);
        Assert.Equal(inOrder.Routes, reversed.Routes);
        Assert.Equal(["192.0.2.3", "192.0.2.5"], inOrder.Claims.Select(c => c.Ip));
    }

    [Fact]
    public async Task Apply_ClaimFails_IsReportedNotAnnouncing_AndRetriedOnTheNextChange()
    {
        var plane = new FlakyDataPlane { Failing = true };
        using var agent = new AnnouncerAgent("node-a", plane);
        var failed = await agent.ApplyAsync(TestPlans.Plan("ns/web", 1));
        Assert.Empty(agent.Claims);
        var l2 = Assert.Single(failed, s => s.Protocol == "l2");
        Assert.False(l2.Announcing);
        Assert.StartsWith("the data plane refused it", l2.Reason, StringComparison.Ordinal);

        plane.Failing = false;
        var retried = await agent.ConvergeAsync();

        Assert.Equal(["192.0.2.1"], agent.Claims.Select(c => c.Ip));
        Assert.True(Assert.Single(retried).Announcing);
    }

    [Fact]
    public async Task DataPlaneWithoutBgp_IsAskedForNoRoutes_AndBgpIsReportedNotAnnounced()
    {
        var plane = new FlakyDataPlane { Bgp = false };
        using var agent = new AnnouncerAgent("node-a", plane);

        var statuses = await agent.ApplyAsync(TestPlans.Plan("ns/web", 1));

        Assert.Empty(agent.Routes);
        Assert.DoesNotContain(plane.Inner.Sent, s => s.StartsWith("BGP", StringComparison.Ordinal));
        var bgp = Assert.Single(statuses, s => s.Protocol == "bgp");
        Assert.Equal((false, "this announcer has no BGP speaker"), (bgp.Announcing, bgp.Reason));
        Assert.True(Assert.Single(statuses, s => s.Protocol == "l2").Announcing);
    }

    [Fact]
    public async Task Converge_AfterTheElectedNodeDies_TakesOverItsIp()
    {
        var live = new HashSet<string>(StringComparer.Ordinal) { "node-a", "node-b" };
        var plane = new RecordingDataPlane();
        using var agent = new AnnouncerAgent("node-b", plane, c => live.Contains(c.Node));
        await agent.ApplyAsync(TestPlans.Plan("ns/web", 1));
        Assert.Empty(agent.Claims);

        live.Remove("node-a");
        var statuses = await agent.ConvergeAsync();

        Assert.Equal(["192.0.2.1"], agent.Claims.Select(c => c.Ip));
        Assert.Equal(["eth0"], agent.Claims[0].Interfaces);
        Assert.Contains("gratuitous ARP 192.0.2.1 on eth0", plane.Sent);
        Assert.True(Assert.Single(statuses).Announcing);
    }

    [Fact]
    public async Task Replace_Snapshot_DropsWhatTheAllocatorNoLongerHas()
    {
        using var agent = new AnnouncerAgent("node-a", new RecordingDataPlane());
        await agent.ApplyAsync(TestPlans.Plan("ns/gone", 1, "192.0.2.7"));
        var plans = new[] { TestPlans.Plan("ns/web", 3, "192.0.2.1") };

        await agent.ReplaceAsync(new AnnouncementSnapshot(plans, PlanDigests.Compute(plans)));

        Assert.Equal(["192.0.2.1"], agent.Claims.Select(c => c.Ip));
        Assert.Equal(PlanDigests.Compute(plans), agent.AppliedDigest);
    }

    [Fact]
    public async Task CheckDigest_Mismatch_RequestsResync_MatchDoesNot()
    {
        using var agent = new AnnouncerAgent("node-a", new RecordingDataPlane());
        await agent.ApplyAsync(TestPlans.Plan("ns/web", 1));
        var requests = 0;
        agent.ResyncRequested += _ => requests++;

        var matched = agent.CheckDigest(agent.Book.Digest());
        var missed = agent.CheckDigest(PlanDigests.Compute([TestPlans.Plan("ns/web", 1), TestPlans.Plan("ns/other", 1)]));

        Assert.False(matched);
        Assert.True(missed);
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task Stop_ReleasesEverything_ReportsNotAnnouncing_AndLaterPlansAreNotApplied()
    {
        var plane = new RecordingDataPlane();
        using var agent = new AnnouncerAgent("node-a", plane);
        await agent.ApplyAsync(TestPlans.Plan("ns/web", 1));

        var stopped = await agent.StopAsync();
        var later = await agent.ApplyAsync(TestPlans.Plan("ns/db", 1, "192.0.2.9"));

        Assert.Empty(agent.Claims);
        Assert.Empty(agent.Routes);
        Assert.All(stopped, s => Assert.False(s.Announcing));
        Assert.Equal(2, stopped.Count);
        Assert.Empty(later);
        Assert.DoesNotContain(plane.Sent, l => l.Contains("192.0.2.9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Claim_Ipv6_IsAnUnsolicitedNeighbourAdvertisement()
    {
        var plane = new RecordingDataPlane();
        using var agent = new AnnouncerAgent("node-a", plane);

        await agent.ApplyAsync(TestPlans.Plan("ns/web", 1, "2001:db8::1"));

        Assert.Contains("unsolicited NA 2001:db8::1 on all interfaces", plane.Sent);
    }

    private static Task ApplyAsync(AnnouncerAgent agent, object message) => message switch
    {
        AnnouncementPlan p => agent.ApplyAsync(p),
        AnnouncementWithdrawn w => agent.ApplyAsync(w),
        _ => throw new ArgumentException("unknown message", nameof(message)),
    };
}
