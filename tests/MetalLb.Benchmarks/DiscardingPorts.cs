using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;
using MetalLb.Domain.Net;

namespace MetalLb.Benchmarks;

/// <summary>Every port of the allocator's reconciler, doing nothing, so a benchmark times the reconciler's own work.</summary>
internal sealed class DiscardingPorts : IServiceStatusWriter, IServiceEventRecorder, IConfigurationStateWriter, IPoolStatusWriter, IPlanPublisher
{
    public long Plans { get; private set; }

    public Task WriteAsync(ServiceInfo service, IReadOnlyList<IpAddress> ips, string? pool, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RecordAsync(ServiceInfo service, AllocationEvent allocationEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WriteAsync(ConfigurationReport report, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WriteAsync(PoolUsage usage, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishPlanAsync(Domain.Announcement.AnnouncementPlan domainPlan, long generation, CancellationToken cancellationToken)
    {
        Plans++;
        return Task.CompletedTask;
    }

    public Task PublishWithdrawnAsync(string serviceKey, long generation, CancellationToken cancellationToken) => Task.CompletedTask;
}
