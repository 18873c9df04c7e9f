using System.Net;
using System.Net.Sockets;
using MetalLb.Bgp.Speaker;

namespace MetalLb.Bgp.Tests.Speaker;

public class DialerTests
{
    [Theory]
    [InlineData("127.0.0.1", SpeakerHarness.Theirs, false, 1)]
    [InlineData("127.0.0.1", SpeakerHarness.Theirs, true, 255)]
    [InlineData("127.0.0.1", SpeakerHarness.Ours, false, 255)]
    [InlineData("::1", SpeakerHarness.Theirs, false, 1)]
    [InlineData("::1", SpeakerHarness.Theirs, true, 255)]
    [InlineData("::1", SpeakerHarness.Ours, false, 255)]
    public async Task TheKernelSendsWithTtl1ToADirectEbgpPeer_And255WithMultiHopOrToIbgp(string address, uint peerAsn, bool multiHop, int ttl)
    {
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        listener.Listen();
        var peer = new BgpPeerOptions("p", IPAddress.Parse(address), SpeakerHarness.Ours, peerAsn)
        {
            Port = ((IPEndPoint)listener.LocalEndPoint!).Port,
            EbgpMultiHop = multiHop,
        };

        using var socket = await Dialer.ConnectAsync(peer, TimeSpan.FromSeconds(10), CancellationToken.None, CancellationToken.None);

        // IPPROTO_IP/IP_TTL for IPv4, IPPROTO_IPV6/IPV6_UNICAST_HOPS for IPv6, read back from the kernel.
        var value = new byte[4];
        var (level, name) = socket.AddressFamily == AddressFamily.InterNetwork ? (0, 2) : (41, 16);
        socket.GetRawSocketOption(level, name, value);
        Assert.Equal(ttl, BitConverter.ToInt32(value));
    }

    [Fact]
    public async Task ASourceAddressNotOnThisNode_FailsTheDialWithAClearReason()
    {
        var peer = new BgpPeerOptions("p", IPAddress.Loopback, SpeakerHarness.Ours, SpeakerHarness.Theirs) { SourceAddress = IPAddress.Parse("192.0.2.123") };

        var failure = await Assert.ThrowsAsync<DialException>(() => Dialer.ConnectAsync(peer, TimeSpan.FromSeconds(10), CancellationToken.None, CancellationToken.None));

        Assert.StartsWith("source address 192.0.2.123 is not on this node (", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("); the dial is retried", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASourceAddressOnThisNode_IsTheLocalEndOfTheSession()
    {
        using var listener = new Socket(SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var peer = new BgpPeerOptions("p", IPAddress.Loopback, SpeakerHarness.Ours, SpeakerHarness.Theirs)
        {
            Port = ((IPEndPoint)listener.LocalEndPoint!).Port,
            SourceAddress = IPAddress.Parse("127.0.0.2"),
        };

        using var socket = await Dialer.ConnectAsync(peer, TimeSpan.FromSeconds(10), CancellationToken.None, CancellationToken.None);

        Assert.Equal(IPAddress.Parse("127.0.0.2"), ((IPEndPoint)socket.LocalEndPoint!).Address);
    }
}
