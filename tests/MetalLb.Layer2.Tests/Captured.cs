using MetalLb.Layer2.Codecs;

namespace MetalLb.Layer2.Tests;

/// <summary>
/// The frames of TestData/arping-ndisc6.pcap (tests/support/capture-l2.sh): host A (02:00:00:00:00:0a, 198.51.100.1,
/// 2001:db8::1) asks host B (02:00:00:00:00:0b, 198.51.100.2, 2001:db8::2) with arping and ndisc6; B's kernel answers.
/// </summary>
internal static class Captured
{
    public static readonly MacAddress MacA = MacAddress.Parse("02:00:00:00:00:0a");
    public static readonly MacAddress MacB = MacAddress.Parse("02:00:00:00:00:0b");

    public static IReadOnlyList<byte[]> All { get; } = PcapFile.Read("arping-ndisc6.pcap");

    public static byte[] Arp(ArpOperation operation, string senderIp, string targetIp) =>
        All.Single(f => ArpCodec.TryRead(f, out var m, out _) && m.Operation == operation
            && m.SenderIp.ToString() == senderIp && m.TargetIp.ToString() == targetIp);

    /// <summary>The first neighbour discovery frame of that type, source and target.</summary>
    public static byte[] Ndp(byte type, string source, string target) =>
        All.First(f => NdpCodec.TryRead(f, out var m, out _) && m.Type == type && m.Source.ToString() == source && m.Target.ToString() == target);
}
