namespace MetalLb.Domain.Announcement;

/// <summary>The routes one node announces for a service, sorted by prefix.</summary>
public sealed record BgpNodeRoutes(string Node, IReadOnlyList<BgpRoute> Routes)
{
    public bool Equals(BgpNodeRoutes? other) => other is not null && Node == other.Node && Routes.SequenceEqual(other.Routes);

    public override int GetHashCode() => HashCode.Combine(Node, Routes.Count);
}
