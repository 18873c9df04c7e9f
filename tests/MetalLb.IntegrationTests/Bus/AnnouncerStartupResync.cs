using MassTransit;
using Microsoft.Extensions.Hosting;

namespace MetalLb.IntegrationTests.Bus;

/// <summary>
/// Requests a snapshot once the announcer's bus is up, as a real announcer does on start: whatever was published
/// while it was down went to a queue that did not exist. It asks again until it gets one (the broker may be away).
/// </summary>
public sealed class AnnouncerStartupResync(AnnouncerNode node, IBus bus) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await node.ResyncAsync(bus, stoppingToken))
                {
                    return;
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
