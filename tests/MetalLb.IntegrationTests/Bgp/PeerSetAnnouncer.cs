using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;
using MetalLb.Hosting.Bus;
using MetalLb.IntegrationTests.Bus;
using MetalLb.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>
/// The BGP peer-set part of an announcer, registered the way the announcer registers it (its plan agent records
/// instead of announcing), with a backend the test awaits: the set comes by snapshot at start and by message after.
/// </summary>
internal static class PeerSetAnnouncer
{
    public static IHost Build(RabbitMqFixture broker, string node, ScratchKey key, AwaitableBackend backend, CapturedLogs logs)
    {
        var builder = BusHosts.Create(broker);
        builder.Configuration.AddInMemoryCollection([key.Setting]);
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.AddSingleton<IBgpBackend>(backend);
        builder.Services.AddSingleton(new AnnouncerAgent(node, new RecordingDataPlane()));
        builder.Services.AddSingleton<AnnouncerSync>();
        builder.Services.AddHostedService<SyncRunner>();
        builder.Services.AddBgpPeerSets(node);
        builder.AddMetalLbBus(x => x.AddBgpPeerSetConsumer(node));
        return builder.Build();
    }

    /// <summary>Runs <see cref="AnnouncerSync"/> as the announcer's snapshot service does.</summary>
    private sealed class SyncRunner(AnnouncerSync sync) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                await sync.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }
}
