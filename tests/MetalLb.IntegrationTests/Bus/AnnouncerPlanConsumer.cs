using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>The announcer's side of the bus: applies plans and withdrawals to its node's book.</summary>
public sealed class AnnouncerPlanConsumer(AnnouncerNode node) : IConsumer<AnnouncementPlan>, IConsumer<AnnouncementWithdrawn>
{
    public Task Consume(ConsumeContext<AnnouncementPlan> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        node.Apply(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<AnnouncementWithdrawn> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        node.Apply(context.Message);
        return Task.CompletedTask;
    }
}
