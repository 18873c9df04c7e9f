namespace MetalLb.Bgp.Capabilities;

/// <summary>One capability advertised in an OPEN's Capabilities optional parameter (RFC 5492).</summary>
public abstract record BgpCapability
{
    public abstract byte Code { get; }
}
