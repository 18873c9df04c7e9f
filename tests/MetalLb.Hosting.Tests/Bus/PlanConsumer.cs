using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.Hosting.Tests.Bus;

/// <summary>The announcer side under test: applies plans and withdrawals to its node's book.</summary>
public sealed class PlanConsumer(AnnouncerNode node) : IConsumer<AnnouncementPlan>, IConsumer<AnnouncementWithdrawn>
{
    public Task Consume(ConsumeContext<AnnouncementPlan> context)
    {
        node.Apply(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<AnnouncementWithdrawn> context)
    {
        node.Apply(context.Message);
        return Task.CompletedTask;
    }
}
