using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

/// <summary>
/// A deliberately MetalLB-like baseline for benchmarks: finds the lowest free address by walking the pool address
/// by address, as MetalLB's <c>getIPFromCIDR</c> does. Only single-family automatic allocation from one pool.
/// </summary>
/// <remarks>Never used by the product; <see cref="Allocator"/> answers the same question in O(log n).</remarks>
internal sealed class LinearScanAllocator
{
    private readonly Dictionary<IpAddress, string> _users = [];
    private readonly Dictionary<string, IpAddress> _allocated = new(StringComparer.Ordinal);

    public int Count => _allocated.Count;

    /// <summary>The Service's IP, allocating the lowest free address of <paramref name="family"/> in the pool if needed.</summary>
    /// <returns>Null when the pool is exhausted.</returns>
    public IpAddress? Assign(string serviceKey, Pool pool, IpFamily family = IpFamily.V4)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (_allocated.TryGetValue(serviceKey, out var held))
        {
            return held;
        }

        foreach (var prefix in pool.Entries.SelectMany(e => e.Prefixes))
        {
            if (prefix.Family != family)
            {
                continue;
            }

            for (var ip = (IpAddress?)prefix.First; ip is { } current && current <= prefix.Last; ip = current.TryAdd(UInt128.One))
            {
                if (pool.AvoidBuggyIPs && current.IsBuggyV4)
                {
                    continue;
                }

                if (_users.ContainsKey(current))
                {
                    continue;
                }

                _users[current] = serviceKey;
                _allocated[serviceKey] = current;
                return current;
            }
        }

        return null;
    }

    public void Release(string serviceKey)
    {
        if (_allocated.Remove(serviceKey, out var ip))
        {
            _users.Remove(ip);
        }
    }
}
