namespace MetalLb.Bgp.Capabilities;

/// <summary>Route Refresh (RFC 2918): an empty capability.</summary>
public sealed record RouteRefreshCapability : BgpCapability
{
    public override byte Code => (byte)CapabilityCode.RouteRefresh;
}
