using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Tests;

/// <summary>Compares endpoints by value, addresses included (record equality compares the list by reference).</summary>
internal sealed class EndpointComparer : IEqualityComparer<EndpointInfo>
{
    public static readonly EndpointComparer Instance = new();

    public bool Equals(EndpointInfo? x, EndpointInfo? y) =>
        x is not null && y is not null
        && (x.NodeName, x.Ready, x.Serving) == (y.NodeName, y.Ready, y.Serving)
        && x.Addresses.SequenceEqual(y.Addresses);

    public int GetHashCode(EndpointInfo obj) => HashCode.Combine(obj.NodeName, obj.Ready, obj.Serving);
}
