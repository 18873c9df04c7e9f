using MassTransit;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Contracts;

namespace MetalLb.Allocator.Bus;

/// <summary>Turns announcers' reports into ServiceL2Status/ServiceBGPStatus and Events; only the leader writes.</summary>
public sealed class AnnouncementStatusConsumer(AnnouncementStatusBook book, ILeadership leadership, IAnnouncementStatusWriter writer)
    : IConsumer<AnnouncementStatus>
{
    public async Task Consume(ConsumeContext<AnnouncementStatus> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = context.Message;
        if (!leadership.IsLeader || !book.Accept(status))
        {
            return;
        }

        try
        {
            await writer.WriteAsync(status, context.CancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Forgotten so the retry of this message (or the next report) writes it again.
            book.Forget(status);
            throw;
        }
    }
}
