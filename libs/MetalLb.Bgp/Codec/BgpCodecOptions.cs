namespace MetalLb.Bgp.Codec;

/// <summary>What the session negotiated that changes the encoding: 4-octet ASNs in AS_PATH (RFC 6793 §4) when both OPENs carried capability 65.</summary>
public sealed record BgpCodecOptions(bool FourOctetAs = true)
{
    public static BgpCodecOptions Default { get; } = new();

    public static BgpCodecOptions TwoOctetAs { get; } = new(false);
}
