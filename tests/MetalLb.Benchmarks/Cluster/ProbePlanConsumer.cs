using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.Benchmarks.Cluster;

/// <summary>The announcer side of the benchmarks: hands each plan, with its size on the wire, to the probe.</summary>
internal sealed class ProbePlanConsumer(PlanProbe probe) : IConsumer<AnnouncementPlan>
{
    public Task Consume(ConsumeContext<AnnouncementPlan> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        probe.Received(context.Message, context.ReceiveContext.Body.Length);
        return Task.CompletedTask;
    }
}
