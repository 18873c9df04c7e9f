using MetalLb.Benchmarks.Cluster;

namespace MetalLb.Benchmarks.L2Failover;

/// <summary>
/// Request → reply times on the client's wire for one target: each probe request is paired with the first answer for
/// its target after it and before the next request for the same target.
/// </summary>
internal sealed record ResponderLatency(string Target, string Answerer, int Requests, int Answered, LatencySummary Milliseconds)
{
    public static ResponderLatency Measure(IReadOnlyList<WireFrame> frames, string target, string answerer, string clientMac, string clientIpv4, string clientIpv6)
    {
        var v4 = !target.Contains(':', StringComparison.Ordinal);
        var requests = frames.Where(f => f.SourceMac == clientMac && f.TargetIp == target
            && f.Kind == (v4 ? WireKind.ArpRequest : WireKind.NeighborSolicitation)).Select(f => f.Nanos).Order().ToArray();
        var replies = frames.Where(f => v4
                ? f.Kind == WireKind.ArpReply && f.SenderIp == target && f.TargetIp == clientIpv4
                : f.Kind == WireKind.NeighborAdvertisement && f.Solicited && f.TargetIp == target && f.Destination == clientIpv6)
            .Select(f => f.Nanos).Order().ToArray();
        var latencies = new List<double>();
        var r = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            var end = i + 1 < requests.Length ? requests[i + 1] : long.MaxValue;
            while (r < replies.Length && replies[r] < requests[i])
            {
                r++;
            }

            if (r < replies.Length && replies[r] < end)
            {
                latencies.Add(Clock.Milliseconds(requests[i], replies[r]));
                r++;
            }
        }

        return new ResponderLatency(target, answerer, requests.Length, latencies.Count, new LatencySummary(latencies));
    }
}
