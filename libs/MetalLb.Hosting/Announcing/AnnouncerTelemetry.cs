using System.Diagnostics;

namespace MetalLb.Hosting.Announcing;

/// <summary>The announcer's ActivitySource and the tag names of its spans.</summary>
public static class AnnouncerTelemetry
{
    public const string SourceName = "MetalLb.Announcer";

    public const string NodeTag = "announcer.node";

    public const string ServiceTag = "announcer.service";

    public const string GenerationTag = "announcer.generation";

    public const string ElectedTag = "announcer.l2.elected";

    /// <summary>IPs newly claimed: each announced at once by gratuitous ARP (IPv4) or unsolicited NA (IPv6).</summary>
    public const string ClaimsTag = "announcer.l2.claims_sent";

    /// <summary>IPv4 addresses of <see cref="ClaimsTag"/>, announced by gratuitous ARP.</summary>
    public const string ArpTag = "announcer.l2.arp_sent";

    /// <summary>IPv6 addresses of <see cref="ClaimsTag"/>, announced by unsolicited neighbour advertisement.</summary>
    public const string NdpTag = "announcer.l2.ndp_sent";

    /// <summary>Routes advertised or withdrawn: each one UPDATE to its peer.</summary>
    public const string UpdatesTag = "announcer.bgp.updates_sent";

    /// <summary>The peers those UPDATEs went to, sorted, each once.</summary>
    public const string PeersTag = "announcer.bgp.peers";

    public static ActivitySource Source { get; } = new(SourceName, typeof(AnnouncerTelemetry).Assembly.GetName().Version?.ToString());
}
