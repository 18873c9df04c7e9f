using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>Records a core/v1 Event with a Service as the involved object.</summary>
public interface IServiceEventRecorder
{
    Task RecordAsync(ServiceInfo service, AllocationEvent allocationEvent, CancellationToken cancellationToken);
}
