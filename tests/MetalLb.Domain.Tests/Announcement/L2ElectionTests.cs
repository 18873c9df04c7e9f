using MetalLb.Domain.Announcement;
using static MetalLb.Domain.Tests.Announcement.PlanFixtures;

namespace MetalLb.Domain.Tests.Announcement;

public class L2ElectionTests
{
    private static readonly string[] Names = ["node-a", "node-b", "node-c", "node-d"];

    [Fact]
    public void Order_IsSha256OfNodeHashIpAscending()
    {
        var order = L2Election.Order(Names, V4);

        Assert.Equal(HashOrder(Names, "192.168.10.7"), order);
    }

    [Fact]
    public void Order_PutsHigherScoreFirstWhateverTheHash()
    {
        var last = HashOrder(Names, V4.ToString())[^1];
        var candidates = Names.Select(n => new L2Candidate(n, n == last ? 1 : 0, [])).ToArray();

        var order = L2Election.Order(candidates, V4);

        Assert.Equal(last, order[0].Node);
    }

    [Fact]
    public void Winner_IsTheFirstLiveCandidate()
    {
        var plan = new L2Plan(Names.Select(n => new L2Candidate(n, 0, [])).ToArray());

        var winner = L2Election.Winner(plan, new HashSet<string> { "node-d", "node-b" });

        Assert.Equal("node-b", winner?.Node);
    }

    [Fact]
    public void Winner_WhenNoCandidateIsLive_IsNull()
    {
        var plan = new L2Plan([new L2Candidate("node-a", 0, [])]);

        Assert.Null(L2Election.Winner(plan, new HashSet<string> { "node-z" }));
    }
}
