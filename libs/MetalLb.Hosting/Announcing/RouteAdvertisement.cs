namespace MetalLb.Hosting.Announcing;

/// <summary>One prefix advertised to one BGP peer with its attributes.</summary>
public sealed record RouteAdvertisement(string Prefix, string Peer, long LocalPref, IReadOnlyList<string> Communities)
{
    public bool Equals(RouteAdvertisement? other) =>
        other is not null && Prefix == other.Prefix && Peer == other.Peer && LocalPref == other.LocalPref
        && Communities.SequenceEqual(other.Communities, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Prefix, Peer, LocalPref);
}
