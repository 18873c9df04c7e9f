namespace MetalLb.Allocator.Bus;

/// <summary>Whether this replica leads; only the leader answers snapshot requests and publishes digests.</summary>
public interface ILeadership
{
    /// <summary>True while this replica holds the Lease (or always, with leader election off).</summary>
    bool IsLeader { get; }

    /// <summary>
    /// True while this replica leads <b>and</b> has published the plan of every Service in this term: only then does
    /// its ledger speak for the cluster. A new leader's ledger starts empty; a snapshot or digest taken from it before
    /// its first full pass would make announcers withdraw everything.
    /// </summary>
    bool IsAuthoritative => IsLeader;
}
