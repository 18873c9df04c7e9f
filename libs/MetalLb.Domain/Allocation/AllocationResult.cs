using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

/// <summary>The decision for one Service: the IPs and pool it ends up with, what happened, and the events to emit.</summary>
/// <remarks>
/// A value: two results are equal when every field is, lists compared element by element. <see cref="Ips"/> is in
/// the order to write to <c>status.loadBalancer.ingress</c>: the user's order for requested IPs, IPv4 then IPv6 for
/// automatic dual-stack allocation.
/// </remarks>
public sealed record AllocationResult(
    string ServiceKey,
    AllocationOutcome Outcome,
    IReadOnlyList<IpAddress> Ips,
    string? Pool,
    IReadOnlyList<AllocationEvent> Events)
{
    /// <summary>Why the Service cannot have what it asks for (null unless <see cref="Outcome"/> is Failed).</summary>
    public string? Error { get; init; }

    /// <summary>
    /// The <see cref="AllocationFailure"/> code of <see cref="Error"/>; null unless <see cref="Outcome"/> is Failed.
    /// </summary>
    public string? FailureReason { get; init; }

    /// <summary>
    /// True when the Service's status or <c>ip-allocated-from-pool</c> annotation differs from what it should
    /// be, i.e. when the adapter has to write it.
    /// </summary>
    public bool StatusChanged { get; init; }

    public bool Equals(AllocationResult? other) =>
        other is not null
        && ServiceKey == other.ServiceKey
        && Outcome == other.Outcome
        && Ips.SequenceEqual(other.Ips)
        && Pool == other.Pool
        && Events.SequenceEqual(other.Events)
        && Error == other.Error
        && FailureReason == other.FailureReason
        && StatusChanged == other.StatusChanged;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ServiceKey, StringComparer.Ordinal);
        hash.Add(Outcome);
        foreach (var ip in Ips)
        {
            hash.Add(ip);
        }

        hash.Add(Pool, StringComparer.Ordinal);
        foreach (var e in Events)
        {
            hash.Add(e);
        }

        return hash.ToHashCode();
    }

    public override string ToString() =>
        $"{ServiceKey}: {Outcome} [{string.Join(" ", Ips)}] pool={Pool ?? "-"}"
        + (Events.Count == 0 ? "" : " events=" + string.Join("; ", Events));
}
