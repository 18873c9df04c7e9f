using System.Net;

namespace MetalLb.Bgp.Tests;

/// <summary>One BGP message as a real peer sent it: which capture, which daemon, over which transport.</summary>
public sealed record CapturedMessage(string Capture, string Sender, IPAddress From, byte[] Bytes)
{
    public bool OverIpv6 => From.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    public override string ToString() => $"{Capture} {Sender} {From} type {Bytes[18]} ({Bytes.Length} octets)";
}
