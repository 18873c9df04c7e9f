using MassTransit;
using MetalLb.Contracts;
using MetalLb.TestSupport;

namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>Plays an announcer: records every plan, withdrawal, peer set and digest it receives.</summary>
internal sealed class InboxConsumer(Inbox<object> inbox)
    : IConsumer<AnnouncementPlan>, IConsumer<AnnouncementWithdrawn>, IConsumer<PlanDigest>, IConsumer<BgpPeerSet>, IConsumer<BgpPeerSetDigest>
{
    public Task Consume(ConsumeContext<AnnouncementPlan> context) => Record(context.Message);

    public Task Consume(ConsumeContext<AnnouncementWithdrawn> context) => Record(context.Message);

    public Task Consume(ConsumeContext<PlanDigest> context) => Record(context.Message);

    public Task Consume(ConsumeContext<BgpPeerSet> context) => Record(context.Message);

    public Task Consume(ConsumeContext<BgpPeerSetDigest> context) => Record(context.Message);

    private Task Record(object message)
    {
        inbox.Add(message);
        return Task.CompletedTask;
    }
}
