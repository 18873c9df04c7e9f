using MetalLb.Bgp.Attributes;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Messages;

/// <summary>An UPDATE (RFC 4271 §4.3): withdrawn IPv4 routes, path attributes and IPv4 NLRI; IPv6 rides in MP_* attributes.</summary>
public sealed record UpdateMessage(IReadOnlyList<IpPrefix> Withdrawn, IReadOnlyList<PathAttribute> Attributes, IReadOnlyList<IpPrefix> Nlri)
    : BgpMessage
{
    public override BgpMessageType Type => BgpMessageType.Update;

    public Origin? Origin => Find<OriginAttribute>()?.Origin;

    public AsPathAttribute? AsPath => Find<AsPathAttribute>();

    public IpAddress? NextHop => Find<NextHopAttribute>()?.NextHop;

    public uint? MultiExitDisc => Find<MultiExitDiscAttribute>()?.Value;

    public uint? LocalPref => Find<LocalPrefAttribute>()?.Value;

    public IReadOnlyList<Community> Communities => Find<CommunitiesAttribute>()?.Communities ?? [];

    public IReadOnlyList<LargeCommunity> LargeCommunities => Find<LargeCommunitiesAttribute>()?.Communities ?? [];

    public MpReachNlriAttribute? MpReach => Find<MpReachNlriAttribute>();

    public MpUnreachNlriAttribute? MpUnreach => Find<MpUnreachNlriAttribute>();

    /// <summary>Every prefix this UPDATE announces, IPv4 NLRI and MP_REACH alike.</summary>
    public IEnumerable<IpPrefix> Announced => Nlri.Concat(MpReach?.Nlri ?? []);

    /// <summary>Every prefix this UPDATE withdraws, IPv4 withdrawn routes and MP_UNREACH alike.</summary>
    public IEnumerable<IpPrefix> WithdrawnAll => Withdrawn.Concat(MpUnreach?.Withdrawn ?? []);

    /// <summary>An UPDATE with nothing in it: the IPv4 unicast End-of-RIB marker (RFC 4724 §2).</summary>
    public bool IsEndOfRib => Withdrawn.Count == 0 && Nlri.Count == 0
        && (Attributes.Count == 0 || (Attributes.Count == 1 && MpUnreach is { Withdrawn.Count: 0 }));

    private T? Find<T>()
        where T : PathAttribute => Attributes.OfType<T>().FirstOrDefault();
}
