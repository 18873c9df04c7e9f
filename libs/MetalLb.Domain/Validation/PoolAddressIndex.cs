using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Validation;

/// <summary>
/// The address ranges of a valid (non-overlapping) set of pools, sorted, so the pools a new range overlaps are found by
/// binary search: O(log n) per query instead of re-sorting every pool.
/// </summary>
/// <remarks>
/// Disjoint ranges sorted by start are also sorted by end, so the first range ending at or after a query's start is
/// the only candidate where the overlaps can begin.
/// </remarks>
public sealed class PoolAddressIndex
{
    private readonly (IpAddress First, IpAddress Last, string Pool, IpPrefix Prefix)[] _ranges;

    private PoolAddressIndex((IpAddress, IpAddress, string, IpPrefix)[] ranges) => _ranges = ranges;

    /// <summary>Indexes the CIDRs of <paramref name="pools"/>; they must not overlap (a valid configuration).</summary>
    public static PoolAddressIndex Build(IReadOnlyList<Pool> pools)
    {
        var ranges = pools
            .SelectMany(p => p.Entries.SelectMany(e => e.Prefixes.Select(prefix => (prefix.First, prefix.Last, p.Name, prefix))))
            .ToArray();
        Array.Sort(ranges, static (a, b) => a.Item1.CompareTo(b.Item1));
        return new PoolAddressIndex(ranges);
    }

    public int Count => _ranges.Length;

    /// <summary>The indexed CIDRs overlapping <paramref name="prefix"/>, except those of pool <paramref name="except"/>.</summary>
    public IEnumerable<(string Pool, IpPrefix Prefix)> Overlapping(IpPrefix prefix, string except)
    {
        var lo = 0;
        var hi = _ranges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_ranges[mid].Last < prefix.First)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < _ranges.Length && _ranges[i].First <= prefix.Last; i++)
        {
            if (_ranges[i].Pool != except)
            {
                yield return (_ranges[i].Pool, _ranges[i].Prefix);
            }
        }
    }
}
