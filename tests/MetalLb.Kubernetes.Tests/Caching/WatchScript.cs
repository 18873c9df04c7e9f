using MetalLb.Kubernetes.Caching;

namespace MetalLb.Kubernetes.Tests.Caching;

/// <summary>What one fake watch does: fail at once, or yield items and then end, fail, or stay open.</summary>
internal sealed record WatchScript(IReadOnlyList<WatchItem> Items)
{
    public Exception? FailAtStart { get; init; }

    public Exception? FailAtEnd { get; init; }

    public bool StayOpen { get; init; }
}
