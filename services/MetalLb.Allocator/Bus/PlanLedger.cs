using MetalLb.Contracts;
using MetalLb.Hosting.Plans;

namespace MetalLb.Allocator.Bus;

/// <summary>
/// The allocator's published state: the current plan of every Service with its generation. A withdrawal removes
/// the Service. Snapshots and digests are taken from here, so they match what the announcers were sent. Thread-safe.
/// </summary>
public sealed class PlanLedger
{
    private readonly Dictionary<string, AnnouncementPlan> _plans = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The current plans, sorted by service key.</summary>
    public IReadOnlyList<AnnouncementPlan> Plans
    {
        get
        {
            lock (_lock)
            {
                return _plans.Values.OrderBy(p => p.ServiceKey, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>Records <paramref name="plan"/> as the Service's current plan.</summary>
    public void Record(AnnouncementPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        lock (_lock)
        {
            _plans[plan.ServiceKey] = plan;
        }
    }

    /// <summary>Forgets the Service's plan: it is no longer announced.</summary>
    public void Withdraw(string serviceKey)
    {
        lock (_lock)
        {
            _plans.Remove(serviceKey);
        }
    }

    /// <summary>Every current plan with the digest they hash to, taken at one instant.</summary>
    public AnnouncementSnapshot Snapshot()
    {
        var plans = Plans;
        return new AnnouncementSnapshot(plans, PlanDigests.Compute(plans));
    }

    /// <summary>The digest of the current plans, computed as the announcers' <see cref="PlanBook"/> does.</summary>
    public PlanDigest Digest() => PlanDigests.Compute(Plans);
}
