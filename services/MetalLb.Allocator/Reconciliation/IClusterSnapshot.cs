using MetalLb.Domain.Config;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>The cluster's objects as the allocator last saw them (its object cache; the lab's store).</summary>
public interface IClusterSnapshot
{
    ConfigSource Snapshot { get; }
}
