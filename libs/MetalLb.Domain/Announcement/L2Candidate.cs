namespace MetalLb.Domain.Announcement;

/// <summary>A node that may answer ARP/NDP for a service, with its preference score and interfaces.</summary>
/// <param name="Node">The node name.</param>
/// <param name="Score">Sum of the preferred-node weights that apply to the node.</param>
/// <param name="Interfaces">Interfaces to answer on, sorted; empty means all interfaces.</param>
public sealed record L2Candidate(string Node, long Score, IReadOnlyList<string> Interfaces)
{
    public bool AllInterfaces => Interfaces.Count == 0;

    public bool Equals(L2Candidate? other) =>
        other is not null && Node == other.Node && Score == other.Score && Interfaces.SequenceEqual(other.Interfaces);

    public override int GetHashCode() => HashCode.Combine(Node, Score, Interfaces.Count);
}
