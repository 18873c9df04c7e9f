using MetalLb.Domain.Net;
using MetalLb.Layer2.Codecs;

namespace MetalLb.Layer2.Responder;

/// <summary>Another station claims an IP this node announces: it sent an ARP reply, a gratuitous ARP or an NA for it.</summary>
public sealed record L2Conflict(string Interface, IpAddress Ip, MacAddress ForeignMac, string Evidence);
