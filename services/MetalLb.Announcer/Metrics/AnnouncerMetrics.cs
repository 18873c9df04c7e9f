using System.Diagnostics.Metrics;
using MetalLb.Hosting.Announcing;
using MetalLb.Layer2.Responder;

namespace MetalLb.Announcer.Metrics;

/// <summary>
/// MetalLB's speaker metrics under their names (METALLB-SPEC §7.2) — <c>metallb_speaker_announced</c>,
/// <c>metallb_layer2_requests_received</c>, <c>…_responses_sent</c>, <c>…_gratuitous_sent</c> — plus
/// <c>metallb_layer2_conflicts_total</c>, <c>metallb_layer2_malformed_total</c>,
/// <c>metallb_svc_layer2_failovers_total{node}</c> and <c>metallb_svc_layer2_election_changes_total{node}</c>
/// (<c>node</c> is this announcer's own node, one value per process).
/// </summary>
internal sealed class AnnouncerMetrics
{
    public const string MeterName = "MetalLb.Announcer";

    public AnnouncerMetrics(IMeterFactory meterFactory, AnnouncerAgent agent, L2Counters counters)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("metallb_speaker_announced", () => Announced(agent), description: "1 for each IP this node announces, by service and protocol");
        meter.CreateObservableCounter("metallb_layer2_requests_received", () => PerIp(counters, c => c.Requests), description: "ARP requests and neighbour solicitations received for announced IPs");
        meter.CreateObservableCounter("metallb_layer2_responses_sent", () => PerIp(counters, c => c.Responses), description: "ARP replies and neighbour advertisements sent");
        meter.CreateObservableCounter("metallb_layer2_gratuitous_sent", () => PerIp(counters, c => c.Gratuitous), description: "gratuitous ARP and unsolicited NA rounds sent");
        meter.CreateObservableCounter("metallb_layer2_conflicts_total", () => PerIp(counters, c => c.Conflicts), description: "another station claiming an IP this node announces");
        meter.CreateObservableCounter("metallb_layer2_malformed_total", () => counters.Malformed, description: "malformed ARP/NDP frames dropped");
        var node = new KeyValuePair<string, object?>("node", agent.Node);
        meter.CreateObservableCounter(
            "metallb_svc_layer2_failovers_total", () => new Measurement<long>(agent.L2Failovers, node), description: "IPs this node took over from another node");
        meter.CreateObservableCounter(
            "metallb_svc_layer2_election_changes_total", () => new Measurement<long>(agent.L2ElectionChanges, node), description: "changes of an IP's L2 winner, as this node saw them");
    }

    private static IEnumerable<Measurement<long>> PerIp(
        L2Counters counters, Func<(long Requests, long Responses, long Gratuitous, long Conflicts), long> pick) =>
        counters.Snapshot().Select(p => new Measurement<long>(pick(p.Value), new KeyValuePair<string, object?>("ip", p.Key.ToString())));

    private static IEnumerable<Measurement<int>> Announced(AnnouncerAgent agent)
    {
        foreach (var status in agent.Reported.Where(s => s.Announcing))
        {
            foreach (var ip in agent.Book.Find(status.ServiceKey)?.Ips ?? [])
            {
                yield return new Measurement<int>(1,
                    new KeyValuePair<string, object?>("ip", ip),
                    new KeyValuePair<string, object?>("node", status.Node),
                    new KeyValuePair<string, object?>("protocol", status.Protocol == NodeAnnouncements.Layer2 ? "layer2" : "bgp"),
                    new KeyValuePair<string, object?>("service", status.ServiceKey));
            }
        }
    }
}
