namespace MetalLb.Hosting.Announcing;

/// <summary>An IP this node answers ARP/NDP for, on the given interfaces (empty: every eligible interface).</summary>
public sealed record L2Claim(string Ip, IReadOnlyList<string> Interfaces)
{
    /// <summary>True for an IPv6 address, announced by NDP rather than ARP.</summary>
    public bool IsIpv6 => Ip.Contains(':', StringComparison.Ordinal);

    public bool Equals(L2Claim? other) =>
        other is not null && Ip == other.Ip && Interfaces.SequenceEqual(other.Interfaces, StringComparer.Ordinal);

    public override int GetHashCode() => Ip.GetHashCode(StringComparison.Ordinal);
}
