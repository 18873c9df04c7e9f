using MetalLb.Bgp.Codec;

namespace MetalLb.Bgp.Tests;

/// <summary>
/// The BGP messages in TestData/*.pcap (tests/support/capture-bgp.sh). A capture named <c>a-b</c> ran daemon a at
/// 198.51.100.1 / 2001:db8::1 and daemon b at 198.51.100.2 / 2001:db8::2, with one IPv4 and one IPv6 session.
/// </summary>
internal static class Captured
{
    public static readonly string[] Names = ["gobgp-bird", "bird-frr", "frr-gobgp", "frr-bird"];

    public static IReadOnlyList<CapturedMessage> All { get; } = Names.SelectMany(Messages).ToList();

    public static IEnumerable<CapturedMessage> From(string capture, string sender) =>
        All.Where(m => m.Capture == capture && m.Sender == sender);

    private static IEnumerable<CapturedMessage> Messages(string capture)
    {
        var daemons = capture.Split('-');
        foreach (var stream in TcpStreamReader.Read(Path.Combine(AppContext.BaseDirectory, "TestData", capture + ".pcap")))
        {
            var address = stream.Source.Address.GetAddressBytes();
            var sender = daemons[address[^1] - 1];
            var at = 0;
            while (BgpCodec.TryFrame(stream.Data.AsSpan(at), out var length, out var error))
            {
                Assert.Null(error);
                yield return new CapturedMessage(capture, sender, stream.Source.Address, stream.Data[at..(at + length)]);
                at += length;
            }

            Assert.Equal(stream.Data.Length, at);
        }
    }
}
