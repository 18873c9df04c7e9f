using MetalLb.Domain.Net;

namespace MetalLb.Layer2.Codecs;

/// <summary>A neighbour solicitation or advertisement (RFC 4861 §4.3–4.4) with the addresses it came with.</summary>
/// <param name="Type">135 (solicitation) or 136 (advertisement).</param>
/// <param name="Source">The IPv6 source address.</param>
/// <param name="Destination">The IPv6 destination address.</param>
/// <param name="Target">The address asked about or advertised.</param>
/// <param name="LinkLayer">The source (solicitation) or target (advertisement) link-layer address option, when present.</param>
/// <param name="Flags">Advertisement flags: 0x80 Router, 0x40 Solicited, 0x20 Override.</param>
/// <param name="FrameSource">The Ethernet source.</param>
/// <param name="FrameDestination">The Ethernet destination.</param>
public readonly record struct NdpMessage(
    byte Type, IpAddress Source, IpAddress Destination, IpAddress Target, MacAddress? LinkLayer, byte Flags,
    MacAddress FrameSource, MacAddress FrameDestination)
{
    public const byte Solicitation = 135;
    public const byte Advertisement = 136;
    public const byte RouterFlag = 0x80;
    public const byte SolicitedFlag = 0x40;
    public const byte OverrideFlag = 0x20;

    /// <summary>A solicitation from the unspecified address: duplicate address detection (RFC 4862 §5.4).</summary>
    public bool IsDuplicateAddressDetection => Type == Solicitation && Source.Value == 0;
}
