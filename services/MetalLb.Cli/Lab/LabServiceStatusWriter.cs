using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Config;
using MetalLb.Domain.Net;

namespace MetalLb.Cli.Lab;

/// <summary>The allocator's status and annotation writes, applied to the lab's store.</summary>
public sealed class LabServiceStatusWriter(LabObjectStore store) : IServiceStatusWriter
{
    public Task WriteAsync(ServiceInfo service, IReadOnlyList<IpAddress> ips, string? pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        return store.WriteServiceStatus(service.Key, null, ips, pool)
            ? Task.CompletedTask
            : throw new InvalidOperationException($"Service {service.Key} is gone");
    }
}
