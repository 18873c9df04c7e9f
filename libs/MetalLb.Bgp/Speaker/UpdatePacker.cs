using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Messages;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Speaker;

/// <summary>
/// Packs route changes into as few UPDATEs as fit the 4096-octet limit (RFC 4271 §4.3): prefixes with the same
/// attributes share one, withdrawals share one; IPv4 uses the classic fields, IPv6 MP_REACH/MP_UNREACH (RFC 4760).
/// Attributes go in ascending type order (RFC 4271 §5).
/// </summary>
internal static class UpdatePacker
{
    /// <summary>The LOCAL_PREF iBGP peers get when a route sets none (RFC 4271 §5.1.5 makes it mandatory there; 100 is every router's default).</summary>
    public const uint DefaultLocalPref = 100;

    public static IEnumerable<UpdateMessage> Announce(OutboundSession session, IpFamily family, IEnumerable<BgpRoute> routes)
    {
        var nextHop = session.NextHop(family) ?? throw new InvalidOperationException($"no {family} next hop on this session");
        foreach (var group in routes.GroupBy(r => r.Attributes))
        {
            var attributes = PathAttributes(session, group.Key);
            if (family == IpFamily.V4)
            {
                attributes.Insert(2, new NextHopAttribute(nextHop));
                var budget = BgpCodec.MaxMessageLength - Length(new UpdateMessage([], attributes, []), session);
                foreach (var chunk in Chunk(group.Select(r => r.Prefix), budget))
                {
                    yield return new UpdateMessage([], attributes, chunk);
                }
            }
            else
            {
                var at = attributes.FindIndex(a => a.TypeCode > (byte)AttributeType.MpReachNlri);
                at = at < 0 ? attributes.Count : at;
                attributes.Insert(at, new MpReachNlriAttribute(Afi.Ipv6, Safi.Unicast, nextHop, null, []));

                // One octet more once MP_REACH outgrows a one-octet length (extended length, RFC 4271 §4.3).
                var budget = BgpCodec.MaxMessageLength - Length(new UpdateMessage([], attributes, []), session) - 1;
                foreach (var chunk in Chunk(group.Select(r => r.Prefix), budget))
                {
                    var withNlri = new List<PathAttribute>(attributes)
                    {
                        [at] = new MpReachNlriAttribute(Afi.Ipv6, Safi.Unicast, nextHop, null, chunk),
                    };
                    yield return new UpdateMessage([], withNlri, []);
                }
            }
        }
    }

    public static IEnumerable<UpdateMessage> Withdraw(IpFamily family, IEnumerable<IpPrefix> prefixes)
    {
        if (family == IpFamily.V4)
        {
            foreach (var chunk in Chunk(prefixes, BgpCodec.MaxMessageLength - BgpCodec.HeaderLength - 4))
            {
                yield return new UpdateMessage(chunk, [], []);
            }
        }
        else
        {
            // Header, two length fields, an extended-length attribute header and AFI/SAFI.
            foreach (var chunk in Chunk(prefixes, BgpCodec.MaxMessageLength - BgpCodec.HeaderLength - 4 - 4 - 3))
            {
                yield return new UpdateMessage([], [new MpUnreachNlriAttribute(Afi.Ipv6, Safi.Unicast, chunk)], []);
            }
        }
    }

    /// <summary>The End-of-RIB marker of a family (RFC 4724 §2): an empty UPDATE, or one with an empty MP_UNREACH.</summary>
    public static UpdateMessage EndOfRib(IpFamily family) =>
        family == IpFamily.V4 ? new UpdateMessage([], [], []) : new UpdateMessage([], [new MpUnreachNlriAttribute(Afi.Ipv6, Safi.Unicast, [])], []);

    /// <summary>The octets one prefix takes in NLRI or withdrawn routes: its length and the octets that length needs.</summary>
    public static int PrefixLength(IpPrefix prefix) => 1 + ((prefix.Length + 7) / 8);

    private static List<PathAttribute> PathAttributes(OutboundSession session, RouteAttributes route)
    {
        var attributes = new List<PathAttribute>
        {
            new OriginAttribute(Origin.Igp),
            new AsPathAttribute(session.Internal ? [] : [new AsPathSegment(AsPathSegmentType.AsSequence, [session.LocalAsn])]),
        };
        if (session.Internal)
        {
            attributes.Add(new LocalPrefAttribute(route.LocalPref ?? DefaultLocalPref));
        }

        if (route.Communities.Count > 0)
        {
            attributes.Add(new CommunitiesAttribute(route.Communities));
        }

        // A peer without 4-octet ASNs sees AS_TRANS in AS_PATH; the real ASN travels in AS4_PATH (RFC 6793 §4.2.2).
        // MetalLB's native speaker refuses such peers instead.
        if (!session.Internal && !session.Codec.FourOctetAs && session.LocalAsn > ushort.MaxValue)
        {
            var value = new byte[6];
            value[0] = (byte)AsPathSegmentType.AsSequence;
            value[1] = 1;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(2), session.LocalAsn);
            attributes.Add(new RawAttribute(AttributeFlags.OptionalTransitive, (byte)AttributeType.As4Path, value));
        }

        if (route.LargeCommunities.Count > 0)
        {
            attributes.Add(new LargeCommunitiesAttribute(route.LargeCommunities));
        }

        return attributes;
    }

    private static int Length(UpdateMessage message, OutboundSession session) => BgpCodec.Encode(message, session.Codec).Length;

    private static IEnumerable<List<IpPrefix>> Chunk(IEnumerable<IpPrefix> prefixes, int budget)
    {
        var chunk = new List<IpPrefix>();
        var used = 0;
        foreach (var prefix in prefixes)
        {
            var length = PrefixLength(prefix);
            if (used + length > budget && chunk.Count > 0)
            {
                yield return chunk;
                chunk = [];
                used = 0;
            }

            chunk.Add(prefix);
            used += length;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}
