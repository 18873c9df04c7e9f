using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.Hosting.Announcing;

/// <summary>An announcer's side of the bus: plans, withdrawals and digests in, statuses out; the plan's age once applied.</summary>
public sealed class AnnouncerConsumer(AnnouncerAgent agent, PlanAgeMetric? planAge = null)
    : IConsumer<AnnouncementPlan>, IConsumer<AnnouncementWithdrawn>, IConsumer<PlanDigest>
{
    public async Task Consume(ConsumeContext<AnnouncementPlan> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var statuses = await agent.ApplyAsync(context.Message, context.CancellationToken).ConfigureAwait(false);
        planAge?.Applied(context.SentTime);
        await ReportAsync(context, statuses).ConfigureAwait(false);
    }

    public async Task Consume(ConsumeContext<AnnouncementWithdrawn> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await ReportAsync(context, await agent.ApplyAsync(context.Message, context.CancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public Task Consume(ConsumeContext<PlanDigest> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        agent.CheckDigest(context.Message);
        return Task.CompletedTask;
    }

    private static async Task ReportAsync(IPublishEndpoint publish, IReadOnlyList<AnnouncementStatus> statuses)
    {
        foreach (var status in statuses)
        {
            await publish.Publish(status).ConfigureAwait(false);
        }
    }
}
