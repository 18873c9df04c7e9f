using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.Hosting.Tests.Bus;

/// <summary>Plays the allocator's side of the snapshot request.</summary>
public sealed class SnapshotResponder(AllocatorState state) : IConsumer<RequestAnnouncementSnapshot>
{
    public Task Consume(ConsumeContext<RequestAnnouncementSnapshot> context) => context.RespondAsync(state.Snapshot());
}
