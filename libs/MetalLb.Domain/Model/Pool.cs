using MetalLb.Domain.Net;

namespace MetalLb.Domain.Model;

/// <summary>A validated IPAddressPool.</summary>
public sealed record Pool(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    bool AutoAssign,
    bool AvoidBuggyIPs,
    IReadOnlyList<PoolAddressEntry> Entries,
    PoolAllocation? Allocation)
{
    public bool HasFamily(IpFamily family) => Entries.Any(e => e.Family == family);

    /// <summary>Allocatable addresses of one family (buggy IPs excluded when avoidBuggyIPs), exact.</summary>
    public UInt128 Capacity(IpFamily family)
    {
        var total = UInt128.Zero;
        foreach (var entry in Entries)
        {
            if (entry.Family != family)
            {
                continue;
            }

            var size = entry.Size;
            if (AvoidBuggyIPs)
            {
                size -= entry.Range.CountBuggyV4();
            }

            total = total > UInt128.MaxValue - size ? UInt128.MaxValue : total + size;
        }

        return total;
    }
}
