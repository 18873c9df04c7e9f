namespace MetalLb.Benchmarks.L2Failover;

/// <summary>The arguments of <c>l2-failover</c>.</summary>
internal sealed record L2FailoverOptions
{
    public const string Usage = "usage: l2-failover [--probes N] [--kills N] [--terms N] [--link-downs N] [--services N] [--ips N] [--idle S] [--logs DIR] [--out FILE]\n"
        + "  --probes N      ARP/NS requests per target for the responder latency (default 250)\n"
        + "  --kills N       SIGKILL failovers (default 20)\n"
        + "  --terms N       SIGTERM hand-overs (default 10)\n"
        + "  --link-downs N  link-down failovers (default 10)\n"
        + "  --services N    Services for the scale phase, 0 to skip it (default 100)\n"
        + "  --ips N         IPv6 /128s per Service in the scale phase (default 100)\n"
        + "  --idle S        seconds of idle measured after the scale phase settles (default 30)\n"
        + "  --logs DIR      write every announcer's log (UTC timestamps) to DIR\n"
        + "  --out FILE      also write the Markdown report to FILE";

    public int Probes { get; init; } = 250;

    public int Kills { get; init; } = 20;

    public int Terms { get; init; } = 10;

    public int LinkDowns { get; init; } = 10;

    public int Services { get; init; } = 100;

    public int IpsPerService { get; init; } = 100;

    public int IdleSeconds { get; init; } = 30;

    public string? OutFile { get; init; }

    public string? LogDirectory { get; init; }

    /// <summary>Between failover probes to the announced IP: the resolution of "first reply".</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <returns>The options, or null with <paramref name="error"/> set when the arguments are not understood.</returns>
    public static L2FailoverOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new L2FailoverOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            var number = int.TryParse(value, out var n) && n >= 0 ? n : (int?)null;
            options = (args[i], number) switch
            {
                ("--probes", > 0) => options with { Probes = n },
                ("--kills", not null) => options with { Kills = n },
                ("--terms", not null) => options with { Terms = n },
                ("--link-downs", not null) => options with { LinkDowns = n },
                ("--services", not null) => options with { Services = n },
                ("--ips", > 0) when n <= 65_536 => options with { IpsPerService = n },
                ("--idle", not null) => options with { IdleSeconds = n },
                ("--logs", _) when !string.IsNullOrWhiteSpace(value) => options with { LogDirectory = value },
                ("--out", _) when !string.IsNullOrWhiteSpace(value) => options with { OutFile = value },
                _ => null!,
            };
            if (options is null)
            {
                error = $"unexpected argument \"{args[i]}\"{(value is null ? "" : $" \"{value}\"")}\n{Usage}";
                return null;
            }

            i++;
        }

        if ((long)options.Services * options.IpsPerService > 65_536)
        {
            error = $"--services × --ips must be at most 65,536 (one /112 of 2001:db8::/64)\n{Usage}";
            return null;
        }

        return options;
    }
}
