using System.Net;

namespace MetalLb.Bgp.Tests;

/// <summary>The bytes one side of a TCP connection sent, in order.</summary>
internal sealed record TcpStream(IPEndPoint Source, IPEndPoint Destination, byte[] Data);
