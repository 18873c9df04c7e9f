namespace MetalLb.IntegrationTests.Bus;

/// <summary>When a simulated announcer asks the allocator for a snapshot, as a real announcer will.</summary>
[Flags]
public enum AnnouncerResync
{
    /// <summary>Never: the book holds only what plan and withdrawal messages brought.</summary>
    None = 0,

    /// <summary>Once its bus has started.</summary>
    OnStart = 1,

    /// <summary>Whenever a <c>PlanDigest</c> differs from the book.</summary>
    OnDigest = 2,

    All = OnStart | OnDigest,
}
