namespace MetalLb.Domain.Config;

/// <summary>A core/v1 Node: name, labels and the NetworkUnavailable condition.</summary>
public sealed record NodeInfo(ObjectMeta Metadata)
{
    public const string KindName = "Node";

    /// <summary>True when the Node's <c>NetworkUnavailable</c> condition is <c>True</c>.</summary>
    public bool NetworkUnavailable { get; init; }
}
