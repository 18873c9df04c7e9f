using MetalLb.Allocator.Reconciliation;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>A reconciler wired to fakes, and the fakes.</summary>
internal sealed class ReconcilerHarness
{
    public ReconcilerHarness(
        FakeCluster? cluster = null, AllocatorOptions? options = null, IPlanPublisher? publisher = null, IPeerSetPublisher? peerSets = null)
    {
        Cluster = cluster ?? new FakeCluster();
        Reconciler = new AllocatorReconciler(
            Cluster, Events, ConfigurationStates, PoolStatus, publisher ?? Plans, options ?? new AllocatorOptions(), Clock,
            NullLogger<AllocatorReconciler>.Instance, peerSets);
    }

    public FakeCluster Cluster { get; }

    public RecordingEventRecorder Events { get; } = new();

    public RecordingConfigurationStateWriter ConfigurationStates { get; } = new();

    public RecordingPoolStatusWriter PoolStatus { get; } = new();

    public RecordingPlanPublisher Plans { get; } = new();

    public FixedTimeProvider Clock { get; } = new();

    public AllocatorReconciler Reconciler { get; }

    public Task PassAsync() => Reconciler.ReconcileAsync(Cluster.Snapshot, CancellationToken.None);

    /// <summary>Runs passes until one writes nothing (what the watch loop does as its own writes come back).</summary>
    public async Task SettleAsync()
    {
        for (var i = 0; i < 10; i++)
        {
            var writes = Cluster.Writes.Count;
            await PassAsync();
            if (Cluster.Writes.Count == writes && !Reconciler.HasFailures)
            {
                return;
            }
        }

        throw new InvalidOperationException("the reconciler did not settle in 10 passes");
    }
}
