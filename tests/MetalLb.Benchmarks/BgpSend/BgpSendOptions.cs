using System.Globalization;
using System.Net;
using MetalLb.Domain.Net;

namespace MetalLb.Benchmarks.BgpSend;

/// <summary>The arguments of <c>bgp-send</c>.</summary>
internal sealed record BgpSendOptions
{
    public const string Usage = "usage: bgp-send --peer ADDR --asn N --peer-asn N [--port N] [--routes N] [--prefix CIDR] [--source ADDR] [--router-id IPV4]\n"
        + "                [--hold S] [--password P] [--community A:B] [--dual-stack]\n"
        + "  --peer ADDR      the receiver to dial (our speaker only dials)\n"
        + "  --asn / --peer-asn  our ASN and the receiver's\n"
        + "  --routes N       how many host routes (/32 or /128) to send (default 10000)\n"
        + "  --prefix CIDR    where the routes come from, one per address from its first (default 2001:db8:1000::/112)\n"
        + "  --prefixes FILE  send these prefixes instead, one CIDR a line (tests/bench/bgp-routes.sh writes such a file)\n"
        + "  --dual-stack     offer the other address family too (IPv6 routes over an IPv4 session)\n"
        + "Commands on stdin, one per line, each answered by one JSON line on stdout:\n"
        + "  announce (or advertise) | withdraw | rss | quit    (EOF = quit)";

    public IPAddress Peer { get; init; } = IPAddress.None;

    public int Port { get; init; } = 179;

    public uint Asn { get; init; }

    public uint PeerAsn { get; init; }

    public int Routes { get; init; } = 10_000;

    public IpPrefix Prefix { get; init; } = IpPrefix.Parse("2001:db8:1000::/112");

    public string? PrefixFile { get; init; }

    public IPAddress? Source { get; init; }

    public IPAddress? RouterId { get; init; }

    public TimeSpan? HoldTime { get; init; }

    public string? Password { get; init; }

    public string? Community { get; init; }

    public bool DualStack { get; init; }

    /// <returns>The options, or null with <paramref name="error"/> set when the arguments are not understood.</returns>
    public static BgpSendOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new BgpSendOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            var number = uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (uint?)null;
            var address = IPAddress.TryParse(value, out var a) ? a : null;
            BgpSendOptions? next = (args[i], number, address) switch
            {
                ("--peer", _, not null) => options with { Peer = address },
                ("--port", > 0 and <= 65535, _) => options with { Port = (int)n },
                ("--asn", > 0, _) => options with { Asn = n },
                ("--peer-asn", > 0, _) => options with { PeerAsn = n },
                ("--routes", > 0 and <= 1_000_000, _) => options with { Routes = (int)n },
                ("--prefix", _, _) when IpPrefix.TryParse(value, out var prefix) => options with { Prefix = prefix },
                ("--prefixes", _, _) when File.Exists(value) => options with { PrefixFile = value },
                ("--source", _, not null) => options with { Source = address },
                ("--router-id", _, not null) => options with { RouterId = address },
                ("--hold", not null, _) => options with { HoldTime = TimeSpan.FromSeconds(n) },
                ("--password", _, _) when !string.IsNullOrEmpty(value) => options with { Password = value },
                ("--community", _, _) when !string.IsNullOrEmpty(value) => options with { Community = value },
                ("--dual-stack", _, _) => options with { DualStack = true },
                _ => null,
            };
            if (next is null)
            {
                error = $"unexpected argument \"{args[i]}\"{(value is null ? "" : $" \"{value}\"")}\n{Usage}";
                return null;
            }

            i += args[i] == "--dual-stack" ? 0 : 1;
            options = next;
        }

        if (options.Peer.Equals(IPAddress.None) || options.Asn == 0 || options.PeerAsn == 0)
        {
            error = $"--peer, --asn and --peer-asn are required\n{Usage}";
            return null;
        }

        if (options.Prefix.HostBits < 63 && (UInt128)options.Routes > options.Prefix.Size)
        {
            error = $"--prefix {options.Prefix} holds fewer than {options.Routes} addresses\n{Usage}";
            return null;
        }

        return options;
    }
}
