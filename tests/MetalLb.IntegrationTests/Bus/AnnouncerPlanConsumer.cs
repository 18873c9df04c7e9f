using System.Diagnostics;
using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>
/// The announcer's side of the bus: applies plans and withdrawals to its node's book, and checks each digest
/// against the book. The node records the consume activity, so tests can follow a trace across the broker.
/// </summary>
public sealed class AnnouncerPlanConsumer(AnnouncerNode node, IBus bus)
    : IConsumer<AnnouncementPlan>, IConsumer<AnnouncementWithdrawn>, IConsumer<PlanDigest>
{
    public Task Consume(ConsumeContext<AnnouncementPlan> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = Activity.Current;
        node.Apply(context.Message, new ConsumedPlan(context.Message.ServiceKey, context.Message.Generation, context.MessageId, activity?.TraceId, activity?.SpanId));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<AnnouncementWithdrawn> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        node.Apply(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<PlanDigest> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return node.OnDigestAsync(bus, context.Message, context.CancellationToken);
    }
}
