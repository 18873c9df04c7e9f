using MetalLb.Layer2.Codecs;

namespace MetalLb.Layer2.Interfaces;

/// <summary>What the announcer needs to know about one network interface, as <c>/sys/class/net</c> shows it.</summary>
/// <param name="Name">The interface name.</param>
/// <param name="Mac">Its hardware address.</param>
/// <param name="Flags">The kernel's <c>IFF_*</c> flags.</param>
/// <param name="IsEthernet">ARPHRD_ETHER (type 1).</param>
/// <param name="IsEnslaved">It has a master (a bond or bridge member): the master is used instead.</param>
/// <param name="HasCarrier">The link is up (carrier 1).</param>
/// <param name="HasIpv6LinkLocal">It has an fe80::/10 address, which NDP needs.</param>
public sealed record InterfaceInfo(
    string Name, MacAddress Mac, uint Flags, bool IsEthernet, bool IsEnslaved, bool HasCarrier, bool HasIpv6LinkLocal)
{
    public const uint Up = 0x1;
    public const uint Broadcast = 0x2;
    public const uint NoArp = 0x80;
}
