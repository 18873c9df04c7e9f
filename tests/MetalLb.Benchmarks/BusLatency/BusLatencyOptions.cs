using MetalLb.Benchmarks.Cluster;

namespace MetalLb.Benchmarks.BusLatency;

/// <summary>The arguments of <c>bus-latency</c>.</summary>
internal sealed record BusLatencyOptions
{
    public const string Usage = "usage: bus-latency [--services N] [--warmup N] [--gap MS] [--out FILE]\n"
        + "  --services N  measured Services per transport, created one after another (default 300)\n"
        + "  --warmup N    Services created first and not measured, per transport (default 20)\n"
        + "  --gap MS      pause after each plan arrives before the next create (default 20)\n"
        + "  --out FILE    also write the Markdown report to FILE";

    public int Services { get; init; } = 300;

    public int Warmup { get; init; } = 20;

    public TimeSpan Gap { get; init; } = TimeSpan.FromMilliseconds(20);

    public string? OutFile { get; init; }

    /// <summary>How long one Service may take to reach the announcer before the run fails.</summary>
    public TimeSpan PlanTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <returns>The options, or null with <paramref name="error"/> set when the arguments are not understood.</returns>
    public static BusLatencyOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new BusLatencyOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--services" when int.TryParse(value, out var n) && n > 0:
                    options = options with { Services = n };
                    i++;
                    break;
                case "--warmup" when int.TryParse(value, out var n) && n >= 0:
                    options = options with { Warmup = n };
                    i++;
                    break;
                case "--gap" when int.TryParse(value, out var n) && n >= 0:
                    options = options with { Gap = TimeSpan.FromMilliseconds(n) };
                    i++;
                    break;
                case "--out" when !string.IsNullOrWhiteSpace(value):
                    options = options with { OutFile = value };
                    i++;
                    break;
                default:
                    error = $"unexpected argument \"{args[i]}\"{(value is null ? "" : $" \"{value}\"")}\n{Usage}";
                    return null;
            }
        }

        if (options.Services + options.Warmup > BenchCluster.MaxServices)
        {
            error = $"--services plus --warmup must be at most {BenchCluster.MaxServices}\n{Usage}";
            return null;
        }

        return options;
    }
}
