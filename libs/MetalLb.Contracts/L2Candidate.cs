namespace MetalLb.Contracts;

/// <summary>A node that may answer ARP/NDP for a Service, in election order, with the interfaces it answers on.</summary>
/// <param name="Node">The node name.</param>
/// <param name="Score">The node's preference score.</param>
/// <param name="Interfaces">Interfaces to answer on; empty means all.</param>
public sealed record L2Candidate(string Node, long Score, IReadOnlyList<string> Interfaces);
