using MetalLb.Hosting.Announcing;

namespace MetalLb.Announcer.Membership;

/// <summary>Runs the agent's <see cref="AnnouncerSync"/>: a snapshot at start and whenever a digest shows a gap.</summary>
internal sealed class SnapshotService(AnnouncerSync sync) : BackgroundService
{
    /// <summary>True once the first snapshot is applied: readiness.</summary>
    public bool IsSynced => sync.Initial.IsCompletedSuccessfully;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await sync.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
