using System.ComponentModel.DataAnnotations;

namespace MetalLb.Announcer.Frr;

/// <summary>Settings of FRR mode, section <c>Frr</c>: where FRR's vty sockets and configuration are, and how often to reload and poll.</summary>
public sealed class FrrOptions
{
    public const string SectionName = "Frr";

    /// <summary>The directory of FRR's vty sockets (shared with the FRR container in a pod).</summary>
    [Required]
    [MinLength(1)]
    public string VtySocketDirectory { get; set; } = "/var/run/frr";

    /// <summary>
    /// The directory the rendered configuration is written to, as <c>frr.conf</c> (mode 0600: it holds the peers'
    /// passwords). With the default, FRR's own directory shared with the FRR container, a restarted FRR starts from
    /// the last applied configuration. The name is fixed because frr-reload writes FRR's running configuration over
    /// <c>frr.conf</c> in this directory after reloading any other file.
    /// </summary>
    [Required]
    [MinLength(1)]
    public string ConfigDirectory { get; set; } = "/etc/frr";

    /// <summary>The file the configuration is written to.</summary>
    public string ConfigFile => Path.Combine(Path.TrimEndingDirectorySeparator(Path.GetFullPath(ConfigDirectory)), "frr.conf");

    /// <summary>FRR's delta reload (package frr-pythontools): it applies only the lines that differ from the running configuration.</summary>
    [Required]
    [MinLength(1)]
    public string ReloadCommand { get; set; } = "/usr/lib/frr/frr-reload.py";

    /// <summary>vtysh, which the reload and the session polls use.</summary>
    [Required]
    [MinLength(1)]
    public string Vtysh { get; set; } = "/usr/bin/vtysh";

    /// <summary>
    /// How long changes are collected before one reload, counted from the first change (later changes do not push it
    /// back, so a steady stream of changes still reloads this often). MetalLB's default is 3 s, chosen when every
    /// reload could reset sessions; here unchanged configurations are never reloaded and the delta reload leaves
    /// unrelated sessions alone, so the window only has to gather a burst — a plan snapshot, an allocator batch —
    /// which arrives within tens of milliseconds. 1 s gathers those with room to spare and keeps a new Service's
    /// route a second from the router instead of three.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan Debounce { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait before a failed reload is tried again (MetalLB: 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often session states are read from FRR (<c>show bgp vrf all neighbors json</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one reload may take before it is killed and counts as failed. FRR takes tens of milliseconds per
    /// prefix-list line, so a first reload of a thousand routes with communities takes minutes on a busy node.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one vtysh query may take before FRR counts as not answering.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>FRR's log level: <c>debugging</c>, <c>informational</c>, <c>warnings</c>, <c>errors</c> or <c>emergencies</c>.</summary>
    [RegularExpression("^(emergencies|alerts|critical|errors|warnings|notifications|informational|debugging)$")]
    public string LogLevel { get; set; } = "informational";

    /// <summary>The <c>frr version</c> line; the FRR the configuration is written for (Debian 12 ships 8.4.4).</summary>
    [Required]
    [MinLength(1)]
    public string FrrVersion { get; set; } = "8.4.4";
}
