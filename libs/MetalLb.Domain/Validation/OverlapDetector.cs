using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Validation;

/// <summary>Finds overlapping CIDRs across and within pools in O(n log n): sort by start, sweep the widest end.</summary>
public static class OverlapDetector
{
    /// <summary>One CIDR of a pool entry, as compared by rule P7.</summary>
    public readonly record struct Item(IpPrefix Prefix, string Pool, PoolAddressEntry Entry);

    /// <summary>A CIDR that overlaps an earlier (lower or wider) one.</summary>
    public readonly record struct Overlap(Item Item, Item Existing);

    /// <summary>
    /// Returns every CIDR that overlaps another, each paired with the CIDR it overlaps. CIDRs either nest or are
    /// disjoint, so comparing each with the one reaching furthest so far finds every overlapping CIDR.
    /// </summary>
    public static IReadOnlyList<Overlap> Find(IEnumerable<Item> items)
    {
        var sorted = items.ToArray();
        Array.Sort(sorted, static (a, b) =>
        {
            var c = a.Prefix.Network.CompareTo(b.Prefix.Network);
            return c != 0 ? c : a.Prefix.Length.CompareTo(b.Prefix.Length);
        });

        var overlaps = new List<Overlap>();
        Item? widest = null;
        foreach (var item in sorted)
        {
            if (widest is { } w && w.Prefix.Family == item.Prefix.Family && item.Prefix.First.Value <= w.Prefix.Last.Value)
            {
                overlaps.Add(new Overlap(item, w));
                if (item.Prefix.Last.Value <= w.Prefix.Last.Value)
                {
                    continue;
                }
            }

            widest = item;
        }

        return overlaps;
    }
}
