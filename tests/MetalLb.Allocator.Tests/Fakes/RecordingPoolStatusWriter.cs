using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Allocation;

namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>Keeps every pool status write.</summary>
internal sealed class RecordingPoolStatusWriter : IPoolStatusWriter
{
    public List<PoolUsage> Writes { get; } = [];

    public Task WriteAsync(PoolUsage usage, CancellationToken cancellationToken)
    {
        Writes.Add(usage);
        return Task.CompletedTask;
    }
}
