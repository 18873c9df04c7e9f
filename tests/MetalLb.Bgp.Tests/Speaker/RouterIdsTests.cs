using System.Net;
using MetalLb.Bgp.Speaker;

namespace MetalLb.Bgp.Tests.Speaker;

public class RouterIdsTests
{
    [Fact]
    public void Crc32_IsTheIeeeChecksum()
    {
        Assert.Equal(0xCBF43926u, RouterIds.Crc32("123456789"u8));
    }

    [Fact]
    public void FromNodeName_PutsTheChecksumLittleEndianIntoTheAddress_AsMetalLbDoes()
    {
        var id = RouterIds.FromNodeName("123456789");

        Assert.Equal(new IPAddress([0x26, 0x39, 0xF4, 0xCB]), new IPAddress(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(id))));
    }

    [Fact]
    public void ForSession_PrefersTheConfiguredId_ThenTheIpv4SourceOfTheSession()
    {
        Assert.Equal(0xC0000201u, RouterIds.ForSession(IPAddress.Parse("192.0.2.1"), IPAddress.Parse("198.51.100.7"), "node"));
        Assert.Equal(0xC6336407u, RouterIds.ForSession(null, IPAddress.Parse("198.51.100.7"), "node"));
    }

    [Fact]
    public void ForSession_OverIpv6WithNoIpv4OnItsInterface_HashesTheNodeName()
    {
        Assert.Equal(RouterIds.FromNodeName("node-a"), RouterIds.ForSession(null, IPAddress.Parse("2001:db8:ffff::1"), "node-a"));
    }
}
