using MetalLb.Domain.Allocation;
using MetalLb.Domain.Model;
using static MetalLb.Domain.Tests.Allocation.AllocationFixtures;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>Per-entry indexes, including the compressed coordinate that skips .0/.255 arithmetically.</summary>
public class EntryIndexTests
{
    private static EntryIndex Index(string text, bool avoidBuggyIPs) =>
        new(PoolAddressEntry.TryParse(text, "p", out _)!, avoidBuggyIPs);

    [Theory]
    [InlineData("1.2.3.0/32")]
    [InlineData("1.2.3.255/32")]
    [InlineData("1.2.3.255-1.2.4.0")]
    public void AvoidBuggyIPs_EntryOfOnlyBuggyAddresses_IsEmpty(string text)
    {
        var index = Index(text, avoidBuggyIPs: true);

        Assert.True(index.IsEmpty);
        Assert.Null(index.FirstFree());
    }

    [Fact]
    public void AvoidBuggyIPs_FirstFreeWalksEveryUsableAddressInOrder()
    {
        var index = Index("10.0.0.250-10.0.2.3", avoidBuggyIPs: true);
        var expected = Enumerable.Range(0, 600)
            .Select(i => Ip("10.0.0.250").TryAdd((UInt128)i)!.Value)
            .Where(ip => ip <= Ip("10.0.2.3") && !ip.IsBuggyV4)
            .ToArray();

        var walked = new List<string>();
        while (index.FirstFree() is { } ip)
        {
            walked.Add(ip.ToString());
            index.Add(ip);
        }

        Assert.Equal(expected.Select(ip => ip.ToString()), walked);
        Assert.Equal(1, index.Used.IntervalCount);
    }

    [Fact]
    public void Covers_HonoursAvoidBuggyIPsAndRange()
    {
        var index = Index("1.2.3.0/24", avoidBuggyIPs: true);

        Assert.True(index.Covers(Ip("1.2.3.1")));
        Assert.False(index.Covers(Ip("1.2.3.0")));
        Assert.False(index.Covers(Ip("1.2.3.255")));
        Assert.False(index.Covers(Ip("1.2.4.1")));
    }

    [Fact]
    public void FirstFree_After_ContinuesPastGivenAddress()
    {
        var index = Index("2001:db8::/126", avoidBuggyIPs: true);

        var next = index.FirstFree(after: Ip("2001:db8::1"));
        var none = index.FirstFree(after: Ip("2001:db8::3"));

        Assert.Equal("2001:db8::2", next?.ToString());
        Assert.Null(none);
    }
}
