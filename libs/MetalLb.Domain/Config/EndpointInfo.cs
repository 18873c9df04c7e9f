namespace MetalLb.Domain.Config;

/// <summary>One endpoint of an EndpointSlice: node, addresses and readiness conditions.</summary>
public sealed record EndpointInfo
{
    public string? NodeName { get; init; }

    public IReadOnlyList<string> Addresses { get; init; } = [];

    public bool? Ready { get; init; }

    public bool? Serving { get; init; }

    /// <summary>MetalLB's "serving endpoint": ready nil or true, or serving true (terminating but serving).</summary>
    public bool IsServing => Ready != false || Serving == true;
}
