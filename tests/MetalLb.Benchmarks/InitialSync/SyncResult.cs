using MetalLb.Benchmarks.Cluster;

namespace MetalLb.Benchmarks.InitialSync;

/// <summary>What <c>initial-sync</c> measured; times are from the allocator host's start.</summary>
internal sealed record SyncResult
{
    public required int Services { get; init; }

    public required TimeSpan CreateElapsed { get; init; }

    public required TimeSpan CacheSynced { get; init; }

    /// <summary>When the first Service status was written; null when the phase wrote none (a restart).</summary>
    public required TimeSpan? FirstStatus { get; init; }

    public required TimeSpan? AllStatus { get; init; }

    public required TimeSpan FirstPlanPublished { get; init; }

    public required TimeSpan AllPlansPublished { get; init; }

    /// <summary>When the consumer on the in-memory bus had a plan with IPs for every Service; null if it never did.</summary>
    public required TimeSpan? AllPlansReceived { get; init; }

    public required TimeSpan Done { get; init; }

    public required long PassesAtDone { get; init; }

    public required long PassesAfterSettle { get; init; }

    public required TimeSpan Settle { get; init; }

    public required IReadOnlyList<(ApiRequest Request, int Sent, int Failed)> RequestsAtDone { get; init; }

    public required IReadOnlyList<(ApiRequest Request, int Sent, int Failed)> RequestsAfterSettle { get; init; }

    /// <summary>Services whose status, read back after the run, holds one IP, and how many distinct IPs they hold.</summary>
    public (int WithIp, int DistinctIps, int Annotated) Verified { get; init; }

    public required long AllocatedBytes { get; init; }

    /// <summary>New Services created one after another once the phase was done, traced to the consumer.</summary>
    public IReadOnlyList<PlanTrace> Traces { get; init; } = [];

    /// <summary>The allocator's API requests while <see cref="Traces"/> were created.</summary>
    public IReadOnlyList<(ApiRequest Request, int Sent, int Failed)> TraceRequests { get; init; } = [];

    /// <summary>Plans published (every call, repeats included) while <see cref="Traces"/> were created.</summary>
    public long TracePublishCalls { get; init; }

    /// <summary>Reconcile passes completed while <see cref="Traces"/> were created.</summary>
    public long TracePasses { get; init; }

    public required long ProcessCpuMs { get; init; }
}
