using MetalLb.Contracts;

namespace MetalLb.Hosting.Announcing;

/// <summary>What one node should announce given every current plan and who is alive: a pure function of its inputs.</summary>
/// <param name="Claims">IP → the L2 claim this node holds for it.</param>
/// <param name="Routes">(prefix, peer) → the route this node advertises.</param>
/// <param name="Statuses">(Service, protocol) → what this node reports for it.</param>
public sealed record NodeAnnouncements(
    IReadOnlyDictionary<string, L2Claim> Claims,
    IReadOnlyDictionary<(string Prefix, string Peer), RouteAdvertisement> Routes,
    IReadOnlyDictionary<(string ServiceKey, string Protocol), AnnouncementStatus> Statuses)
{
    public const string Layer2 = "l2";

    /// <summary>
    /// IP → the node this node sees winning its L2 election, for every IP of a plan this node is a candidate of; null
    /// while nobody wins (no live candidate, or waiting for a starting one).
    /// </summary>
    public IReadOnlyDictionary<string, string?> L2Winners { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    public const string Bgp = "bgp";

    /// <summary>
    /// Elects this node for a Service's IPs iff it is the first live node of the plan's L2 order, the same rule on
    /// every node, so nodes with the same view agree; Services sharing an IP share its order and so its node. Routes
    /// are the plan's for this node, one per (prefix, peer); identical prefixes of several Services are merged, the
    /// Service first by key deciding the attributes.
    /// </summary>
    public static NodeAnnouncements Compute(string node, IEnumerable<AnnouncementPlan> plans, Func<string, bool> isLive)
    {
        ArgumentNullException.ThrowIfNull(isLive);
        return Compute(node, plans, (L2Candidate c) => isLive(c.Node));
    }

    /// <summary>
    /// As above, with a finer test: <paramref name="canAnnounce"/> says whether a candidate node is alive and has a
    /// working interface among the candidate's (link-aware failover: a node whose announcing link is down is passed
    /// over though its heartbeat is fine).
    /// </summary>
    public static NodeAnnouncements Compute(string node, IEnumerable<AnnouncementPlan> plans, Func<L2Candidate, bool> canAnnounce)
    {
        ArgumentNullException.ThrowIfNull(canAnnounce);
        return Compute(node, plans, c => canAnnounce(c) ? CandidateState.Ready : CandidateState.Unavailable, new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>
    /// The election with warming nodes: the first <see cref="CandidateState.Ready"/> candidate wins, except that a
    /// <see cref="CandidateState.Warming"/> candidate ahead of it makes the IP wait for it — unless this node already
    /// holds the IP (<paramref name="held"/>), which it then keeps until the warming node is ready. So a node that
    /// returns causes no gap (the holder keeps answering), and nodes that start together cause no blip (nobody grabs
    /// an IP only to hand it over a moment later).
    /// </summary>
    public static NodeAnnouncements Compute(
        string node, IEnumerable<AnnouncementPlan> plans, Func<L2Candidate, CandidateState> state, IReadOnlySet<string> held)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(held);
        var claims = new Dictionary<string, L2Claim>(StringComparer.Ordinal);
        var routes = new Dictionary<(string, string), RouteAdvertisement>();
        var statuses = new Dictionary<(string, string), AnnouncementStatus>();
        var winners = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var plan in plans.OrderBy(p => p.ServiceKey, StringComparer.Ordinal))
        {
            if (plan.L2Candidates.FirstOrDefault(c => c.Node == node) is { } mine)
            {
                var holding = plan.Ips.Any(held.Contains);
                L2Candidate? winner = null;
                L2Candidate? awaited = null;
                foreach (var candidate in plan.L2Candidates)
                {
                    var standing = state(candidate);
                    if (standing == CandidateState.Ready)
                    {
                        winner = candidate;
                        break;
                    }

                    if (standing == CandidateState.Warming && !holding)
                    {
                        awaited = candidate;
                        break;
                    }
                }

                foreach (var ip in plan.Ips)
                {
                    winners.TryAdd(ip, winner?.Node);
                }

                var elected = winner?.Node == node;
                if (elected)
                {
                    foreach (var ip in plan.Ips)
                    {
                        claims.TryAdd(ip, new L2Claim(ip, mine.Interfaces));
                    }
                }

                var reason = elected ? null
                    : winner is not null ? $"not elected: {winner.Node} announces"
                    : awaited is not null ? $"waiting for {awaited.Node}, which is starting"
                    : "no live candidate";
                statuses[(plan.ServiceKey, Layer2)] = new AnnouncementStatus(
                    node, plan.ServiceKey, plan.Generation, Layer2, elected, mine.Interfaces, [], reason);
            }

            if (plan.Bgp.FirstOrDefault(b => b.Node == node) is { } bgp)
            {
                foreach (var route in bgp.Routes)
                {
                    foreach (var peer in route.Peers)
                    {
                        routes.TryAdd((route.Prefix, peer), new RouteAdvertisement(route.Prefix, peer, route.LocalPref, route.Communities));
                    }
                }

                var peers = bgp.Routes.SelectMany(r => r.Peers).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                statuses[(plan.ServiceKey, Bgp)] = new AnnouncementStatus(
                    node, plan.ServiceKey, plan.Generation, Bgp, peers.Length > 0, [], peers, peers.Length > 0 ? null : "no peer for this node");
            }
        }

        return new NodeAnnouncements(claims, routes, statuses) { L2Winners = winners };
    }
}
