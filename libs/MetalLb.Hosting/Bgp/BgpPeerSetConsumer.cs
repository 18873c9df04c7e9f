using MassTransit;
using MetalLb.Contracts;

namespace MetalLb.Hosting.Bgp;

/// <summary>An announcer's side of the peer sets: every node's set and the digest in, this node's set to the agent.</summary>
public sealed class BgpPeerSetConsumer(BgpPeerSetAgent agent) : IConsumer<BgpPeerSet>, IConsumer<BgpPeerSetDigest>
{
    public Task Consume(ConsumeContext<BgpPeerSet> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return agent.ApplyAsync(context.Message, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<BgpPeerSetDigest> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return agent.CheckDigestAsync(context.Message, context.CancellationToken);
    }
}
