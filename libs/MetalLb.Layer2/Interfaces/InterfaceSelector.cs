using System.Text.RegularExpressions;

namespace MetalLb.Layer2.Interfaces;

/// <summary>
/// Which interfaces answer ARP/NDP (METALLB-SPEC §5.3): up, with carrier, broadcast-capable, ARP on, Ethernet, not
/// enslaved, not excluded by name; NDP also needs an IPv6 link-local address. Pure.
/// </summary>
public sealed class InterfaceSelector(IEnumerable<string> excludePatterns)
{
    /// <summary>MetalLB's Helm default for <c>announcedInterfacesToExclude</c>.</summary>
    public static IReadOnlyList<string> DefaultExcludes { get; } =
    [
        "^docker.*", "^cbr.*", "^dummy.*", "^virbr.*", "^lxcbr.*", "^veth.*", "^lo$", "^cali.*", "^tunl.*", "^flannel.*",
        "^kube-ipvs.*", "^cni.*", "^nodelocaldns.*", "^lxc.*",
    ];

    private readonly Regex[] _excludes = [.. excludePatterns.Select(p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))];

    /// <summary>Why <paramref name="info"/> cannot answer ARP, or null when it can.</summary>
    public string? WhyNotArp(InterfaceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return !info.IsEthernet ? "not Ethernet"
            : (info.Flags & InterfaceInfo.Up) == 0 ? "down"
            : !info.HasCarrier ? "no carrier"
            : (info.Flags & InterfaceInfo.Broadcast) == 0 ? "no broadcast"
            : (info.Flags & InterfaceInfo.NoArp) != 0 ? "NOARP"
            : info.IsEnslaved ? "enslaved to a bond or bridge"
            : _excludes.FirstOrDefault(r => r.IsMatch(info.Name)) is { } r ? $"excluded by \"{r}\""
            : null;
    }

    /// <summary>Why <paramref name="info"/> cannot answer NDP, or null when it can.</summary>
    public string? WhyNotNdp(InterfaceInfo info) =>
        WhyNotArp(info) ?? (info.HasIpv6LinkLocal ? null : "no IPv6 link-local address");

    /// <summary>The usable interfaces among <paramref name="all"/>, restricted to <paramref name="wanted"/> unless it is empty.</summary>
    public IReadOnlyList<InterfaceInfo> Usable(IEnumerable<InterfaceInfo> all, IReadOnlyCollection<string> wanted, bool ipv6) =>
        [.. all.Where(i => (wanted.Count == 0 || wanted.Contains(i.Name)) && (ipv6 ? WhyNotNdp(i) : WhyNotArp(i)) is null)
            .OrderBy(i => i.Name, StringComparer.Ordinal)];
}
