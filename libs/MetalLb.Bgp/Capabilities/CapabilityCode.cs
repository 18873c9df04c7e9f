namespace MetalLb.Bgp.Capabilities;

/// <summary>The capability codes this codec understands (IANA "Capability Codes"); others decode as <see cref="UnknownCapability"/>.</summary>
public enum CapabilityCode : byte
{
    Multiprotocol = 1,
    RouteRefresh = 2,
    GracefulRestart = 64,
    FourOctetAs = 65,
}
