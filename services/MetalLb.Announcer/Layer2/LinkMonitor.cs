using MetalLb.Announcer.Membership;
using MetalLb.Hosting.Announcing;
using MetalLb.Layer2.Interfaces;
using Microsoft.Extensions.Options;

namespace MetalLb.Announcer.Layer2;

/// <summary>
/// Re-reads the interfaces every <see cref="AnnouncerOptions.LinkPollInterval"/> (link-aware failover): a port opens or
/// closes as its interface comes and goes, loses carrier or goes down; when the usable set changes this node converges
/// (it stops claiming what it can no longer carry) and tells its peers at once in a heartbeat. Also drives the
/// gratuitous repeats.
/// </summary>
internal sealed class LinkMonitor(
    PcapDataPlane dataPlane,
    Hosting.Announcing.Membership membership,
    AnnouncerAgent agent,
    StatusReporter reporter,
    HeartbeatService heartbeats,
    IOptions<AnnouncerOptions> options)
    : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before anything converges, so this node knows which links it has.
        membership.SetOwnInterfaces(dataPlane.Refresh(SysfsInterfaces.Read()));
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = options.Value.LinkPollInterval;
        var repeat = options.Value.GratuitousInterval;
        var nextRepeat = DateTimeOffset.UtcNow + repeat;
        using var timer = new PeriodicTimer(poll);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (membership.SetOwnInterfaces(dataPlane.Refresh(SysfsInterfaces.Read())))
            {
                heartbeats.BeatNow();
                await reporter.PublishAsync(await agent.ConvergeAsync(stoppingToken).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
            }

            if (DateTimeOffset.UtcNow >= nextRepeat)
            {
                nextRepeat = DateTimeOffset.UtcNow + repeat;
                dataPlane.SendRepeats();
            }
        }
    }
}
