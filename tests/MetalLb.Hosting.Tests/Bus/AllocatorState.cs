using System.Collections.Concurrent;
using MetalLb.Contracts;
using MetalLb.Hosting.Plans;
using MetalLb.Hosting.Tests.Plans;

namespace MetalLb.Hosting.Tests.Bus;

/// <summary>A stand-in for the allocator's plans: generations per Service, and the snapshot it answers with.</summary>
public sealed class AllocatorState
{
    private readonly ConcurrentDictionary<string, AnnouncementPlan> _plans = new();
    private readonly ConcurrentDictionary<string, long> _generations = new();

    public AnnouncementPlan Plan(string serviceKey, string ip)
    {
        var plan = TestPlans.Plan(serviceKey, _generations.AddOrUpdate(serviceKey, 1, (_, g) => g + 1), ip);
        _plans[serviceKey] = plan;
        return plan;
    }

    public AnnouncementWithdrawn Withdraw(string serviceKey)
    {
        _plans.TryRemove(serviceKey, out _);
        return new AnnouncementWithdrawn(serviceKey, _generations.AddOrUpdate(serviceKey, 1, (_, g) => g + 1));
    }

    public PlanDigest Digest() => PlanDigests.Compute(_plans.Values);

    public AnnouncementSnapshot Snapshot()
    {
        var plans = _plans.Values.ToArray();
        return new AnnouncementSnapshot(plans, PlanDigests.Compute(plans));
    }
}
