using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;

namespace MetalLb.Hosting.Tests.Announcing;

/// <summary>The failover and election-change counts an agent keeps, as its node sees the elections.</summary>
public class ElectionCountTests
{
    private static AnnouncementPlan Plan(params string[] ips) =>
        new("ns/web", 1, ips, "pool", [new L2Candidate("node-a", 0, []), new L2Candidate("node-b", 0, [])], [], []);

    [Fact]
    public async Task WinnerLeaves_TheNextNodeCountsAFailoverPerIp_AndItsReturnAChange()
    {
        var down = new HashSet<string>(StringComparer.Ordinal);
        using var agent = new AnnouncerAgent("node-b", new RecordingDataPlane(), c => !down.Contains(c.Node));
        await agent.ApplyAsync(Plan("192.0.2.1", "2001:db8::1"));
        var first = (agent.L2Failovers, agent.L2ElectionChanges);

        down.Add("node-a");
        await agent.ConvergeAsync();
        var takeover = (agent.L2Failovers, agent.L2ElectionChanges);

        down.Clear();
        await agent.ConvergeAsync();

        Assert.Equal((0, 0), first);
        Assert.Equal((2, 2), takeover);
        Assert.Equal((2, 4), (agent.L2Failovers, agent.L2ElectionChanges));
    }

    [Fact]
    public async Task NoWinnerInBetween_IsNotAChange_AndTheSameWinnerBackCountsNothing()
    {
        var down = new HashSet<string>(StringComparer.Ordinal);
        using var agent = new AnnouncerAgent("node-b", new RecordingDataPlane(), c => !down.Contains(c.Node));
        await agent.ApplyAsync(Plan("192.0.2.1"));

        down.UnionWith(["node-a", "node-b"]);
        await agent.ConvergeAsync();
        down.Clear();
        await agent.ConvergeAsync();

        Assert.Equal((0, 0), (agent.L2Failovers, agent.L2ElectionChanges));
    }

    [Fact]
    public async Task WithdrawnIp_IsForgotten_SoItsNextElectionIsAFirstOne()
    {
        var down = new HashSet<string>(StringComparer.Ordinal);
        using var agent = new AnnouncerAgent("node-b", new RecordingDataPlane(), c => !down.Contains(c.Node));
        await agent.ApplyAsync(Plan("192.0.2.1"));
        await agent.ApplyAsync(new AnnouncementWithdrawn("ns/web", 2));

        down.Add("node-a");
        await agent.ApplyAsync(Plan("192.0.2.1") with { Generation = 3 });

        Assert.Equal((0, 0), (agent.L2Failovers, agent.L2ElectionChanges));
        Assert.Equal(["192.0.2.1"], agent.Claims.Select(c => c.Ip));
    }
}
