using MetalLb.Domain.Net;

namespace MetalLb.Layer2.Codecs;

/// <summary>An ARP message for IPv4 over Ethernet (RFC 826), with the Ethernet addresses it came in.</summary>
public readonly record struct ArpMessage(
    ArpOperation Operation, MacAddress SenderMac, IpAddress SenderIp, MacAddress TargetMac, IpAddress TargetIp,
    MacAddress FrameSource, MacAddress FrameDestination)
{
    /// <summary>Sender and target protocol addresses equal: a gratuitous ARP (RFC 5227 announcement).</summary>
    public bool IsGratuitous => SenderIp == TargetIp;
}
