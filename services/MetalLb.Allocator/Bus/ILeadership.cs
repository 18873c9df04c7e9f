namespace MetalLb.Allocator.Bus;

/// <summary>Whether this replica leads; only the leader answers snapshot requests and publishes digests.</summary>
public interface ILeadership
{
    /// <summary>True while this replica holds the Lease (or always, with leader election off).</summary>
    bool IsLeader { get; }
}
