using MetalLb.Domain.Net;

namespace MetalLb.Domain.Tests.Net;

public class IpPrefixTests
{
    [Theory]
    [InlineData("192.168.10.0/24", "192.168.10.0/24", "192.168.10.0", "192.168.10.255")]
    [InlineData("192.168.10.7/24", "192.168.10.0/24", "192.168.10.0", "192.168.10.255")]
    [InlineData("1.2.3.4/32", "1.2.3.4/32", "1.2.3.4", "1.2.3.4")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0", "0.0.0.0", "255.255.255.255")]
    [InlineData("2001:db8::/64", "2001:db8::/64", "2001:db8::", "2001:db8::ffff:ffff:ffff:ffff")]
    [InlineData("fc00::/124", "fc00::/124", "fc00::", "fc00::f")]
    public void TryParse_WhenValid_MasksHostBits(string text, string canonical, string first, string last)
    {
        Assert.True(IpPrefix.TryParse(text, out var prefix));

        Assert.Equal(canonical, prefix.ToString());
        Assert.Equal(first, prefix.First.ToString());
        Assert.Equal(last, prefix.Last.ToString());
    }

    [Theory]
    [InlineData("1.2.3.0/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("1.2.3.0/")]
    [InlineData("/24")]
    [InlineData("1.2.3.0/024")]
    [InlineData("1.2.3.0/-1")]
    [InlineData("1.2.3.0/2a")]
    [InlineData("1.2.3.0")]
    [InlineData("1.2.3.0/24/1")]
    public void TryParse_WhenInvalid_ReturnsFalse(string text)
    {
        Assert.False(IpPrefix.TryParse(text, out _));
    }

    [Fact]
    public void Size_OfWholeIpv6Space_Saturates()
    {
        Assert.Equal(UInt128.MaxValue, IpPrefix.Parse("::/0").Size);
        Assert.Equal(UInt128.One << 64, IpPrefix.Parse("2001:db8::/64").Size);
        Assert.Equal((UInt128)(1UL << 32), IpPrefix.Parse("0.0.0.0/0").Size);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.0.0/16", true)]
    [InlineData("10.0.0.0/24", "10.0.1.0/24", false)]
    [InlineData("10.0.0.0/24", "2001:db8::/64", false)]
    public void Overlaps_IsTrueOnlyForSharedAddresses(string a, string b, bool expected)
    {
        Assert.Equal(expected, IpPrefix.Parse(a).Overlaps(IpPrefix.Parse(b)));
        Assert.Equal(expected, IpPrefix.Parse(b).Overlaps(IpPrefix.Parse(a)));
    }
}
