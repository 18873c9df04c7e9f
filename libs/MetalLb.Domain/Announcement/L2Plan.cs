namespace MetalLb.Domain.Announcement;

/// <summary>The L2 election order for one service: the first live candidate announces.</summary>
public sealed record L2Plan(IReadOnlyList<L2Candidate> Candidates)
{
    /// <summary>Candidate node names in election order.</summary>
    public IReadOnlyList<string> Nodes => Candidates.Select(c => c.Node).ToArray();

    /// <summary>The interfaces <paramref name="node"/> answers on (empty: all), or null when it is no candidate.</summary>
    public IReadOnlyList<string>? InterfacesOf(string node) =>
        Candidates.FirstOrDefault(c => c.Node == node)?.Interfaces;

    public bool Equals(L2Plan? other) => other is not null && Candidates.SequenceEqual(other.Candidates);

    public override int GetHashCode() => Candidates.Count;
}
