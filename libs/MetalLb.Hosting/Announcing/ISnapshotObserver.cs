using MetalLb.Contracts;

namespace MetalLb.Hosting.Announcing;

/// <summary>
/// Announcer state besides the plan book that is also kept whole by snapshots (the node's BGP peer set): it takes
/// each snapshot <see cref="AnnouncerSync"/> receives and may ask for one.
/// </summary>
public interface ISnapshotObserver
{
    /// <summary>Raised when the observer found it missed something; a snapshot follows.</summary>
    event Action? ResyncRequested;

    Task ApplyAsync(AnnouncementSnapshot snapshot, CancellationToken cancellationToken);
}
