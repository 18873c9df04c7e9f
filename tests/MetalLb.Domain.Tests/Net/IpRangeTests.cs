using MetalLb.Domain.Net;

namespace MetalLb.Domain.Tests.Net;

public class IpRangeTests
{
    [Theory]
    [InlineData("192.168.250.48", "192.168.250.55", "192.168.250.48/29")]
    [InlineData("1.2.3.1", "1.2.3.5", "1.2.3.1/32,1.2.3.2/31,1.2.3.4/31")]
    [InlineData("1.2.3.0", "1.2.3.255", "1.2.3.0/24")]
    [InlineData("0.0.0.0", "255.255.255.255", "0.0.0.0/0")]
    [InlineData("10.0.0.255", "10.0.1.0", "10.0.0.255/32,10.0.1.0/32")]
    [InlineData("2001:db8::1", "2001:db8::4", "2001:db8::1/128,2001:db8::2/127,2001:db8::4/128")]
    [InlineData("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::/0")]
    public void ToPrefixes_SummarisesToTheMinimalCidrList(string start, string end, string expected)
    {
        var range = new IpRange(IpAddress.Parse(start), IpAddress.Parse(end));

        Assert.Equal(expected, string.Join(",", range.ToPrefixes()));
    }

    [Fact]
    public void ToPrefixes_CoversExactlyTheRange_ForRandomRanges()
    {
        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var a = (uint)random.NextInt64(0, uint.MaxValue);
            var b = (uint)Math.Min(uint.MaxValue, a + (ulong)random.Next(0, 100_000));
            var range = new IpRange(IpAddress.V4(a), IpAddress.V4(b));

            var prefixes = range.ToPrefixes();

            Assert.Equal(range.Start, prefixes[0].First);
            Assert.Equal(range.End, prefixes[^1].Last);
            for (var p = 1; p < prefixes.Count; p++)
            {
                Assert.Equal(prefixes[p - 1].Last.Value + 1, prefixes[p].First.Value);
            }

            Assert.True(prefixes.Count <= 62, $"range {range} summarised to {prefixes.Count} CIDRs");
        }
    }

    [Theory]
    [InlineData("1.2.3.0", "1.2.3.255", 2)]
    [InlineData("1.2.3.1", "1.2.3.254", 0)]
    [InlineData("1.2.3.0", "1.2.3.0", 1)]
    [InlineData("1.2.3.255", "1.2.4.0", 2)]
    [InlineData("0.0.0.0", "255.255.255.255", 33554432)]
    [InlineData("2001:db8::", "2001:db8::ff", 0)]
    public void CountBuggyV4_CountsDotZeroAndDot255WithinTheRange(string start, string end, long expected)
    {
        var range = new IpRange(IpAddress.Parse(start), IpAddress.Parse(end));

        Assert.Equal((UInt128)expected, range.CountBuggyV4());
    }
}
