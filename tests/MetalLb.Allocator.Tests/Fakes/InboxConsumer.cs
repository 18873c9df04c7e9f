using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>Plays an announcer: records every plan, withdrawal and digest it receives.</summary>
internal sealed class InboxConsumer(BusInbox inbox)
    : IConsumer<AnnouncementPlan>, IConsumer<AnnouncementWithdrawn>, IConsumer<PlanDigest>
{
    public Task Consume(ConsumeContext<AnnouncementPlan> context) => Record(context.Message);

    public Task Consume(ConsumeContext<AnnouncementWithdrawn> context) => Record(context.Message);

    public Task Consume(ConsumeContext<PlanDigest> context) => Record(context.Message);

    private Task Record(object message)
    {
        inbox.Add(message);
        return Task.CompletedTask;
    }
}
