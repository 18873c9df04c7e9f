using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Announcer.Frr;

/// <summary>Everything an FRR configuration is rendered from: this node's peers, their BFD profiles and the routes per peer.</summary>
/// <param name="Hostname">The node's name (FRR's <c>hostname</c>).</param>
/// <param name="LogLevel">FRR's log level (<c>informational</c>, <c>debugging</c>, …).</param>
/// <param name="FrrVersion">The FRR version the text is written for (its <c>frr version</c> line).</param>
/// <param name="Peers">The peers, passwords unsealed.</param>
/// <param name="BfdProfiles">The BFD profiles the peers name.</param>
/// <param name="Routes">Every prefix to advertise, once per peer.</param>
public sealed record FrrDesiredState(
    string Hostname,
    string LogLevel,
    string FrrVersion,
    IReadOnlyList<ResolvedPeer> Peers,
    IReadOnlyList<BfdProfileConfig> BfdProfiles,
    IReadOnlyCollection<RouteAdvertisement> Routes);
