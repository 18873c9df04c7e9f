namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// A neighbour a router fixture peers with. Passive by default: the speaker under test dials, which brings a session
/// up in under a second (when both sides dial, set-up takes 7–9 s with gobgpd).
/// </summary>
public sealed record BgpNeighbor(string Address, uint PeerAsn)
{
    public string? Password { get; init; }

    public bool Passive { get; init; } = true;

    /// <summary>The hold time offered in seconds (keepalives at a third of it).</summary>
    public int HoldTime { get; init; } = 90;

    /// <summary>The eBGP multihop TTL, or null for a directly connected neighbour.</summary>
    public int? Multihop { get; init; }

    public IReadOnlyList<BgpFamily> Families { get; init; } = [BgpFamily.Ipv4, BgpFamily.Ipv6];

    /// <summary>BFD for this session, or null for none (BIRD and FRR only).</summary>
    public BfdOptions? Bfd { get; init; }
}
