using System.ComponentModel.DataAnnotations;

namespace MetalLb.Hosting.Bgp;

/// <summary>How BGP peer passwords are sealed on the bus, section <c>Bgp</c>; the allocator and every announcer read the same key.</summary>
public sealed class BgpPasswordOptions
{
    public const string SectionName = "Bgp";

    /// <summary>
    /// The file holding the 32-byte sealing key (raw or base64), a mounted Secret shared by the allocator and the
    /// announcers. Unset: no peer with a password gets a session, and each says so.
    /// </summary>
    public string? PasswordKeyFile { get; set; }

    /// <summary>How often the key file is read again; a mounted Secret changes in place when it is rotated.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan KeyCheckInterval { get; set; } = TimeSpan.FromSeconds(10);
}
