namespace MetalLb.Hosting.Announcing;

/// <summary>
/// A data plane that records what it would send instead of sending it: the lab's simulated nodes, and tests. Each
/// claim records the gratuitous ARP (IPv4) or unsolicited NA (IPv6) a real node sends on takeover; each route change
/// one BGP UPDATE. Thread-safe.
/// </summary>
public sealed class RecordingDataPlane : IAnnouncementDataPlane
{
    private readonly List<string> _sent = [];

    /// <summary>Everything sent so far, oldest first, as one line each.</summary>
    public IReadOnlyList<string> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public Task ClaimAsync(L2Claim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var on = claim.Interfaces.Count > 0 ? string.Join(",", claim.Interfaces) : "all interfaces";
        Record(claim.IsIpv6 ? $"unsolicited NA {claim.Ip} on {on}" : $"gratuitous ARP {claim.Ip} on {on}");
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(L2Claim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        Record($"stop answering {(claim.IsIpv6 ? "NDP" : "ARP")} for {claim.Ip}");
        return Task.CompletedTask;
    }

    public Task AdvertiseAsync(RouteAdvertisement route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        var communities = route.Communities.Count > 0 ? $" communities {string.Join(",", route.Communities)}" : "";
        Record($"BGP UPDATE to {route.Peer}: {route.Prefix} localPref {route.LocalPref}{communities}");
        return Task.CompletedTask;
    }

    public Task WithdrawAsync(RouteAdvertisement route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        Record($"BGP UPDATE to {route.Peer}: withdraw {route.Prefix}");
        return Task.CompletedTask;
    }

    private void Record(string line)
    {
        lock (_sent)
        {
            _sent.Add(line);
        }
    }
}
