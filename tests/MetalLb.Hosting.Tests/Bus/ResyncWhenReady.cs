using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace MetalLb.Hosting.Tests.Bus;

/// <summary>Asks for a snapshot whenever the node's own endpoint becomes ready: on start and after every reconnect.</summary>
public sealed class ResyncWhenReady(AnnouncerNode node, IServiceProvider services) : IReceiveEndpointObserver
{
    public Task Ready(ReceiveEndpointReady ready)
    {
        if (ready.InputAddress.AbsolutePath.Contains(node.Name, StringComparison.Ordinal))
        {
            // Off the transport's thread: the answer arrives on the bus's response endpoint.
            _ = Task.Run(() => node.ResyncAsync(services.GetRequiredService<IBus>()));
        }

        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
