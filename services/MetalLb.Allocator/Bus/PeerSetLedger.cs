using MetalLb.Contracts;

namespace MetalLb.Allocator.Bus;

/// <summary>
/// The peer sets published, one per node, with the fingerprint of what each was computed from; snapshots and digests
/// are taken from here. It also hands out every node's generations, so a set answered for a node it does not know
/// is never newer than the one published for that node later. Thread-safe.
/// </summary>
public sealed class PeerSetLedger(TimeProvider timeProvider)
{
    private readonly Dictionary<string, Entry> _sets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _complete;

    /// <summary>The current sets, by node.</summary>
    public IReadOnlyList<BgpPeerSet> Sets
    {
        get
        {
            lock (_lock)
            {
                return [.. _sets.Values.Select(e => e.Set).OrderBy(s => s.Node, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The nodes that have a set.</summary>
    public IReadOnlyList<string> Nodes
    {
        get
        {
            lock (_lock)
            {
                return [.. _sets.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>True once every node of this term has its set: an unknown node then has no peers.</summary>
    public bool IsComplete
    {
        get
        {
            lock (_lock)
            {
                return _complete;
            }
        }
    }

    /// <summary>
    /// Generations start from the clock (microseconds since the epoch), so a new leader's are larger than the old
    /// leader's without a shared counter, and grow by one with every set after that.
    /// </summary>
    public long NextGeneration(string node)
    {
        var floor = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        lock (_lock)
        {
            var next = _generations.TryGetValue(node, out var last) ? Math.Max(last + 1, floor) : floor;
            _generations[node] = next;
            return next;
        }
    }

    /// <summary>The node's set; for a node without one, an empty set at a fresh generation once complete, else null.</summary>
    public BgpPeerSet? For(string node)
    {
        lock (_lock)
        {
            if (_sets.TryGetValue(node, out var entry))
            {
                return entry.Set;
            }
        }

        return IsComplete ? new BgpPeerSet(node, NextGeneration(node), [], []) : null;
    }

    /// <summary>The fingerprint the node's set was computed from, or null.</summary>
    public string? FingerprintOf(string node)
    {
        lock (_lock)
        {
            return _sets.TryGetValue(node, out var entry) ? entry.Fingerprint : null;
        }
    }

    public void Record(BgpPeerSet set, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(set);
        lock (_lock)
        {
            _sets[set.Node] = new Entry(set, fingerprint);
        }
    }

    public void Remove(string node)
    {
        lock (_lock)
        {
            _sets.Remove(node);
        }
    }

    /// <summary>Every node of the cluster has its set.</summary>
    public void MarkComplete()
    {
        lock (_lock)
        {
            _complete = true;
        }
    }

    /// <summary>Forgets every set (the term ended); generations are kept, so they keep growing.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _sets.Clear();
            _complete = false;
        }
    }

    /// <summary>
    /// The generation of every non-empty set. A node not listed should have no peers: an announcer holding some, or a
    /// different generation, missed a set.
    /// </summary>
    public BgpPeerSetDigest Digest()
    {
        lock (_lock)
        {
            return new BgpPeerSetDigest(_sets.Values
                .Where(e => e.Set.Peers.Count > 0)
                .OrderBy(e => e.Set.Node, StringComparer.Ordinal)
                .ToDictionary(e => e.Set.Node, e => e.Set.Generation, StringComparer.Ordinal));
        }
    }

    private sealed record Entry(BgpPeerSet Set, string Fingerprint);
}
