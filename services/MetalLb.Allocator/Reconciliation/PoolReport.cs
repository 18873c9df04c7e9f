using MetalLb.Domain.Allocation;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>A pool's accounting after a pass: capacity and distinct IPs in use per family, and the Services holding its IPs.</summary>
public sealed record PoolReport(PoolUsage Usage, int Services);
