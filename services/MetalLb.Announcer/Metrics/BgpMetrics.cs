using System.Diagnostics.Metrics;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Announcer.Metrics;

/// <summary>
/// MetalLB's native BGP metrics under their names (METALLB-SPEC §7.2), one series per session, label
/// <c>peer</c> = <c>address:port</c>: <c>metallb_bgp_session_up</c>, <c>metallb_bgp_updates_total</c>,
/// <c>metallb_bgp_announced_prefixes_total</c>, <c>metallb_bgp_pending_prefixes_total</c>.
/// </summary>
internal sealed class BgpMetrics
{
    public BgpMetrics(IMeterFactory meterFactory, IBgpBackend backend)
    {
        var meter = meterFactory.Create(AnnouncerMetrics.MeterName);
        meter.CreateObservableGauge("metallb_bgp_session_up", () => PerPeer(backend, s => s.Up ? 1 : 0), description: "1 while the BGP session with the peer is established");
        meter.CreateObservableCounter("metallb_bgp_updates_total", () => PerPeer(backend, s => s.UpdatesSent), description: "BGP UPDATE messages sent to the peer");
        meter.CreateObservableGauge("metallb_bgp_announced_prefixes_total", () => PerPeer(backend, s => s.Announced), description: "prefixes advertised to the peer");
        meter.CreateObservableGauge("metallb_bgp_pending_prefixes_total", () => PerPeer(backend, s => s.Pending), description: "prefixes waiting to be sent to the peer");
    }

    private static IEnumerable<Measurement<long>> PerPeer(IBgpBackend backend, Func<BgpPeerState, long> pick) =>
        backend.Sessions.Select(s => new Measurement<long>(pick(s), new KeyValuePair<string, object?>("peer", s.Endpoint)));
}
