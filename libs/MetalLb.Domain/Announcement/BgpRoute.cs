using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Announcement;

/// <summary>One BGP path a node sends: prefix, LOCAL_PREF, sorted communities and the peers (by name) it goes to.</summary>
public sealed record BgpRoute(
    IpPrefix Prefix,
    uint LocalPref,
    IReadOnlyList<BgpCommunity> Communities,
    IReadOnlyList<string> Peers)
{
    public bool Equals(BgpRoute? other) =>
        other is not null
        && Prefix == other.Prefix
        && LocalPref == other.LocalPref
        && Communities.SequenceEqual(other.Communities)
        && Peers.SequenceEqual(other.Peers);

    public override int GetHashCode() => HashCode.Combine(Prefix, LocalPref, Communities.Count, Peers.Count);
}
