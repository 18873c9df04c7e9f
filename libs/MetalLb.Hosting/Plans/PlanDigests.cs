using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MetalLb.Contracts;

namespace MetalLb.Hosting.Plans;

/// <summary>Computes a <see cref="PlanDigest"/> the same way on the allocator and on every announcer.</summary>
public static class PlanDigests
{
    /// <summary>The digest of the given plans; the order they come in does not matter.</summary>
    public static PlanDigest Compute(IEnumerable<AnnouncementPlan> plans) =>
        ComputeFromGenerations(plans.Select(p => (p.ServiceKey, p.Generation)));

    /// <summary>The digest of (ServiceKey, Generation) pairs: SHA-256 over them sorted by key, ordinal.</summary>
    public static PlanDigest ComputeFromGenerations(IEnumerable<(string ServiceKey, long Generation)> entries)
    {
        var sorted = entries.OrderBy(e => e.ServiceKey, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        foreach (var (key, generation) in sorted)
        {
            text.Append(key).Append('\n').Append(generation.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        return new PlanDigest(sorted.Count, hash, sorted.Count == 0 ? 0 : sorted.Max(e => e.Generation));
    }
}
