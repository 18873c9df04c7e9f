using MetalLb.Contracts;

namespace MetalLb.Allocator.Bus;

/// <summary>
/// The last status each announcer reported per Service and protocol, so a replayed or reordered report (an older
/// generation) or a duplicate changes nothing. Thread-safe.
/// </summary>
public sealed class AnnouncementStatusBook
{
    private readonly Dictionary<(string Service, string Node, string Protocol), AnnouncementStatus> _statuses = [];
    private readonly Lock _lock = new();

    /// <summary>Every status known, by Service, node and protocol.</summary>
    public IReadOnlyList<AnnouncementStatus> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _statuses.Values
                    .OrderBy(s => s.ServiceKey, StringComparer.Ordinal)
                    .ThenBy(s => s.Node, StringComparer.Ordinal)
                    .ThenBy(s => s.Protocol, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Takes <paramref name="status"/> unless a newer one is known or it repeats the known one; true when taken.</summary>
    public bool Accept(AnnouncementStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var key = (status.ServiceKey, status.Node, status.Protocol);
        lock (_lock)
        {
            if (_statuses.TryGetValue(key, out var known)
                && (status.Generation < known.Generation || (status.Generation == known.Generation && Same(known, status))))
            {
                return false;
            }

            _statuses[key] = status;
            return true;
        }
    }

    /// <summary>True when <paramref name="status"/> is the one known for its Service, node and protocol.</summary>
    public bool Has(AnnouncementStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_lock)
        {
            return _statuses.TryGetValue((status.ServiceKey, status.Node, status.Protocol), out var known)
                && known.Generation == status.Generation && Same(known, status);
        }
    }

    /// <summary>Forgets a status (its write failed), so the next report of it is taken again.</summary>
    public void Forget(AnnouncementStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_lock)
        {
            _statuses.Remove((status.ServiceKey, status.Node, status.Protocol));
        }
    }

    private static bool Same(AnnouncementStatus a, AnnouncementStatus b) =>
        a.Announcing == b.Announcing && a.Reason == b.Reason
        && a.Interfaces.SequenceEqual(b.Interfaces, StringComparer.Ordinal) && a.Peers.SequenceEqual(b.Peers, StringComparer.Ordinal);
}
