using MetalLb.Bgp.Capabilities;

namespace MetalLb.Bgp.Messages;

/// <summary>An OPEN (RFC 4271 §4.2) with its capabilities; <see cref="MyAs"/> is AS_TRANS when the ASN needs 4 octets.</summary>
public sealed record OpenMessage(byte Version, ushort MyAs, ushort HoldTime, uint BgpIdentifier, IReadOnlyList<CapabilitiesParameter> Parameters)
    : BgpMessage
{
    /// <summary>The 2-octet placeholder a 4-octet ASN speaker puts in My AS (RFC 6793 §9).</summary>
    public const ushort AsTrans = 23456;

    public override BgpMessageType Type => BgpMessageType.Open;

    public IEnumerable<BgpCapability> Capabilities => Parameters.SelectMany(p => p.Capabilities);

    /// <summary>The speaker's ASN: the 4-octet capability's when present, else My AS.</summary>
    public uint Asn => Capabilities.OfType<FourOctetAsCapability>().FirstOrDefault()?.Asn ?? MyAs;

    public bool SupportsFourOctetAs => Capabilities.OfType<FourOctetAsCapability>().Any();

    /// <summary>An OPEN as this speaker sends it: version 4, all capabilities in one parameter, AS_TRANS when needed.</summary>
    public static OpenMessage Create(uint asn, ushort holdTime, uint bgpIdentifier, IReadOnlyList<BgpCapability> capabilities) =>
        new(4, asn > ushort.MaxValue ? AsTrans : (ushort)asn, holdTime, bgpIdentifier,
            capabilities.Count == 0 ? [] : [new CapabilitiesParameter(capabilities)]);
}
