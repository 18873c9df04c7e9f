using System.Security.Cryptography;
using System.Text;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Announcement;

/// <summary>MetalLB's stateless L2 leader election: preference score, then SHA-256 of node and first IP.</summary>
/// <remarks>
/// Every speaker sorts the same candidates the same way, so they agree on the leader without talking. Hashing the
/// first IP only keeps both IPs of a dual-stack service, and every service sharing that IP, on one node; the
/// hash makes adding a node move an IP only when the new node sorts first (METALLB-SPEC §5.1).
/// </remarks>
public static class L2Election
{
    private static readonly Comparer<byte[]> Bytewise = Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b));

    /// <summary>The first candidate that is live (a memberlist member), or null when none is.</summary>
    public static L2Candidate? Winner(L2Plan plan, IReadOnlySet<string> liveNodes) =>
        plan.Candidates.FirstOrDefault(c => liveNodes.Contains(c.Node));

    /// <summary>Nodes in hash order alone: SHA-256 of <c>"&lt;node&gt;#&lt;firstIp&gt;"</c>, ascending bytewise.</summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> nodes, IpAddress firstIp) =>
        Order(nodes.Select(n => new L2Candidate(n, 0, [])), firstIp).Select(c => c.Node).ToArray();

    /// <summary>Candidates by score, highest first, then by the hash order.</summary>
    public static IReadOnlyList<L2Candidate> Order(IEnumerable<L2Candidate> candidates, IpAddress firstIp)
    {
        var ip = firstIp.ToString();
        return candidates
            .Select(c => (Candidate: c, Hash: Hash(c.Node, ip)))
            .OrderByDescending(x => x.Candidate.Score)
            .ThenBy(x => x.Hash, Bytewise)
            .ThenBy(x => x.Candidate.Node, StringComparer.Ordinal)
            .Select(x => x.Candidate)
            .ToArray();
    }

    internal static byte[] Hash(string node, string firstIp) => SHA256.HashData(Encoding.UTF8.GetBytes($"{node}#{firstIp}"));
}
