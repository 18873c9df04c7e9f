using MetalLb.Domain.Allocation;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>Writes an IPAddressPool's <c>status</c> counts through the status subresource.</summary>
public interface IPoolStatusWriter
{
    Task WriteAsync(PoolUsage usage, CancellationToken cancellationToken);
}
