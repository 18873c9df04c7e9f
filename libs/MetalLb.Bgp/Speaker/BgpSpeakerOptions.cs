using System.ComponentModel.DataAnnotations;

namespace MetalLb.Bgp.Speaker;

/// <summary>Settings of the native BGP speaker shared by all its peers, section <c>Bgp</c> (METALLB-SPEC §6.3 defaults).</summary>
public sealed class BgpSpeakerOptions
{
    public const string SectionName = "Bgp";

    /// <summary>
    /// This node's name: when no router ID is configured and the session has no IPv4 address to take it from, the
    /// router ID is the CRC32 of this name, as MetalLB's native speaker does. The machine name when not set.
    /// </summary>
    public string? NodeName { get; set; }

    /// <summary>How long one dial may take before it counts as failed (MetalLB: 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait before dialling again after a failure; it doubles up to <see cref="MaxConnectRetry"/> and resets once a session is up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ConnectRetry { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap of the connect back-off (MetalLB: 2 min).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxConnectRetry { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The hold time offered when a peer sets none (MetalLB native: 90 s, keepalives every 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "18:12:15")]
    public TimeSpan DefaultHoldTime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>The restart time offered to peers with graceful restart enabled (FRR's default, 120 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:08:15")]
    public TimeSpan GracefulRestartTime { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long a closing session may take to get its last messages (a NOTIFICATION) out before the socket is dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
