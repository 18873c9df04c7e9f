namespace MetalLb.Bgp.Attributes;

/// <summary>Path attribute type codes (RFC 4271 §5, RFC 1997, RFC 4760, RFC 6793, RFC 8092).</summary>
public enum AttributeType : byte
{
    Origin = 1,
    AsPath = 2,
    NextHop = 3,
    MultiExitDisc = 4,
    LocalPref = 5,
    AtomicAggregate = 6,
    Aggregator = 7,
    Communities = 8,
    MpReachNlri = 14,
    MpUnreachNlri = 15,
    As4Path = 17,
    As4Aggregator = 18,
    LargeCommunity = 32,
}
