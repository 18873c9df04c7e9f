using MassTransit;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Contracts;
using MetalLb.Domain.Allocation;

namespace MetalLb.Allocator.Bus;

/// <summary>
/// An announcer saw another station claim one of its IPs: a Warning Event <c>AddressConflict</c> on every Service
/// holding that IP, naming the foreign MAC, so <c>kubectl describe service</c> shows who else answers. Leader only.
/// </summary>
public sealed class AddressConflictConsumer(ILeadership leadership, IClusterSnapshot cluster, IServiceEventRecorder events)
    : IConsumer<AddressConflictDetected>
{
    public const string Reason = "AddressConflict";

    public async Task Consume(ConsumeContext<AddressConflictDetected> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!leadership.IsLeader)
        {
            return;
        }

        var c = context.Message;
        var message = $"{c.Ip} is announced by node \"{c.Node}\" but also claimed by MAC {c.ForeignMac} ({c.Evidence} on {c.Interface}): "
            + "another host or device uses this address; remove it from that host or from the pool";
        foreach (var service in cluster.Snapshot.Services.Where(s => s.IngressIPs.Contains(c.Ip)))
        {
            await events.RecordAsync(service, new AllocationEvent(AllocationEventType.Warning, Reason, message), context.CancellationToken)
                .ConfigureAwait(false);
        }
    }
}
