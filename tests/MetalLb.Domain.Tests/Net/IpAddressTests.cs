using MetalLb.Domain.Net;

namespace MetalLb.Domain.Tests.Net;

public class IpAddressTests
{
    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("192.168.250.48", "192.168.250.48")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("2001:DB8:0:0:0:0:0:1", "2001:db8::1")]
    [InlineData("::", "::")]
    [InlineData("::ffff:1.2.3.4", "::ffff:102:304")]
    [InlineData("::1.2.3.4", "::102:304")]
    [InlineData("2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1")]
    [InlineData("2001:0:0:1:0:0:0:0", "2001:0:0:1::")]
    [InlineData("1:0:1:0:1:0:1:0", "1:0:1:0:1:0:1:0")]
    [InlineData("fe80::", "fe80::")]
    public void TryParse_WhenValid_RoundTripsToCanonicalText(string text, string canonical)
    {
        Assert.True(IpAddress.TryParse(text, out var address));

        Assert.Equal(canonical, address.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3.256")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.4 ")]
    [InlineData("1..3.4")]
    [InlineData("1.2.3.-1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("2001:db8::g")]
    [InlineData("1.2.3.4/32")]
    [InlineData("1234")]
    public void TryParse_WhenInvalid_ReturnsFalse(string text)
    {
        Assert.False(IpAddress.TryParse(text, out _));
    }

    [Fact]
    public void CompareTo_OrdersIpv4BeforeIpv6ThenByValue()
    {
        var sorted = new[] { "2001:db8::1", "10.0.0.2", "::1", "10.0.0.1" }.Select(IpAddress.Parse).Order().Select(a => a.ToString());

        Assert.Equal(["10.0.0.1", "10.0.0.2", "::1", "2001:db8::1"], sorted);
    }

    [Fact]
    public void TryAdd_WhenLeavingTheFamilySpace_ReturnsNull()
    {
        Assert.Null(IpAddress.Parse("255.255.255.255").TryAdd(1));
        Assert.Equal("10.0.1.0", IpAddress.Parse("10.0.0.255").TryAdd(1)!.Value.ToString());
    }

    [Theory]
    [InlineData("1.2.3.0", true)]
    [InlineData("1.2.3.255", true)]
    [InlineData("1.2.3.1", false)]
    [InlineData("2001:db8::ff", false)]
    public void IsBuggyV4_FlagsDotZeroAndDot255(string text, bool buggy)
    {
        Assert.Equal(buggy, IpAddress.Parse(text).IsBuggyV4);
    }
}
