using System.Collections.Concurrent;
using MetalLb.Domain.Net;

namespace MetalLb.Layer2.Responder;

/// <summary>
/// MetalLB's layer-2 counters per IP (<c>metallb_layer2_requests_received</c>, <c>…_responses_sent</c>,
/// <c>…_gratuitous_sent</c>) plus ours: conflicts per IP, and frames dropped as malformed. Thread-safe.
/// </summary>
public sealed class L2Counters
{
    private readonly ConcurrentDictionary<IpAddress, PerIp> _perIp = new();
    private long _malformed;

    public long Malformed => Interlocked.Read(ref _malformed);

    public IReadOnlyDictionary<IpAddress, (long Requests, long Responses, long Gratuitous, long Conflicts)> Snapshot() =>
        _perIp.ToDictionary(p => p.Key, p => (p.Value.Requests, p.Value.Responses, p.Value.Gratuitous, p.Value.Conflicts));

    public (long Requests, long Responses, long Gratuitous, long Conflicts) Of(IpAddress ip) =>
        _perIp.TryGetValue(ip, out var c) ? (c.Requests, c.Responses, c.Gratuitous, c.Conflicts) : default;

    internal void Request(IpAddress ip) => Interlocked.Increment(ref For(ip).Requests);

    internal void Response(IpAddress ip) => Interlocked.Increment(ref For(ip).Responses);

    internal void Gratuitous(IpAddress ip) => Interlocked.Increment(ref For(ip).Gratuitous);

    internal void Conflict(IpAddress ip) => Interlocked.Increment(ref For(ip).Conflicts);

    internal void MalformedFrame() => Interlocked.Increment(ref _malformed);

    private PerIp For(IpAddress ip) => _perIp.GetOrAdd(ip, _ => new PerIp());

    private sealed class PerIp
    {
        public long Requests;
        public long Responses;
        public long Gratuitous;
        public long Conflicts;
    }
}
