using System.ComponentModel.DataAnnotations;
using MetalLb.Announcer.Bgp;

namespace MetalLb.Announcer;

/// <summary>Settings of the announcer, section <c>Announcer</c>.</summary>
public sealed class AnnouncerOptions
{
    public const string SectionName = "Announcer";

    /// <summary>Command-line switches and the settings they set.</summary>
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--node-name"] = $"{SectionName}:{nameof(NodeName)}",
        ["--bgp-mode"] = $"{SectionName}:{nameof(BgpMode)}",
    };

    /// <summary>This node's name (the Kubernetes Node); <c>NODE_NAME</c> when not set.</summary>
    [Required(ErrorMessage = "Announcer:NodeName is required (--node-name or the NODE_NAME variable)")]
    [MinLength(1)]
    public string? NodeName { get; set; }

    /// <summary>How often this node says it is alive.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Heartbeats a peer may miss before it counts as dead. With the defaults a node that vanishes is passed over
    /// after 600–650 ms, so its IPs move in well under a second.
    /// </summary>
    [Range(1, 100)]
    public int MissedHeartbeats { get; set; } = 3;

    /// <summary>Interface names (regular expressions) never used for ARP/NDP; MetalLB's Helm defaults when not set.</summary>
    public string[]? ExcludeInterfaces { get; set; }

    /// <summary>How often interfaces are re-read (new ones, carrier and up/down): link-aware failover waits at most this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan LinkPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>After a takeover the gratuitous ARP / unsolicited NA is repeated this often (MetalLB: 1.1 s)…</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan GratuitousInterval { get; set; } = TimeSpan.FromMilliseconds(1100);

    /// <summary>… for this long (MetalLB: 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan GratuitousDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Which backend advertises BGP routes: <c>Native</c> (default), <c>Frr</c> (Helm <c>speaker.frr.enabled</c>) or <c>None</c>.</summary>
    public BgpMode BgpMode { get; set; } = BgpMode.Native;
}
