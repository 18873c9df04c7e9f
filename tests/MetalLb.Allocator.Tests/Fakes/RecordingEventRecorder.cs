using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;

namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>Keeps every Event the reconciler records.</summary>
internal sealed class RecordingEventRecorder : IServiceEventRecorder
{
    public List<(string Service, AllocationEvent Event)> Events { get; } = [];

    public IEnumerable<string> ReasonsFor(string service) => Events.Where(e => e.Service == service).Select(e => e.Event.Reason);

    public Task RecordAsync(ServiceInfo service, AllocationEvent allocationEvent, CancellationToken cancellationToken)
    {
        lock (Events)
        {
            Events.Add((service.Key, allocationEvent));
        }

        return Task.CompletedTask;
    }
}
