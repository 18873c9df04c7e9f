using MetalLb.Benchmarks.Cluster;

namespace MetalLb.Benchmarks.InitialSync;

/// <summary>The arguments of <c>initial-sync</c>.</summary>
internal sealed record InitialSyncOptions
{
    public const string Usage = "usage: initial-sync [--services N] [--parallel N] [--settle S] [--timeout S] [--traced N] [--trace-gap MS] [--out FILE]\n"
        + "  --services N  LoadBalancer Services created before the allocator starts (default 10000)\n"
        + "  --parallel N  concurrent create requests while preparing them (default 32)\n"
        + "  --settle S    seconds the allocator keeps running after it is done, to count what follows (default 5)\n"
        + "  --timeout S   give up when the allocator is not done after S seconds (default 600)\n"
        + "  --traced N    new Services traced one at a time after the restart (default 100)\n"
        + "  --trace-gap MS  pause after each traced plan arrives (default 20)\n"
        + "  --out FILE    also write the Markdown report to FILE";

    public int Services { get; init; } = 10_000;

    public int Parallel { get; init; } = 32;

    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(600);

    public string? OutFile { get; init; }

    /// <summary>New Services traced one at a time after the restart, with all the others present.</summary>
    public int TracedServices { get; init; } = 100;

    /// <summary>The pause after each traced plan arrives before the next create.</summary>
    public TimeSpan TraceGap { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <returns>The options, or null with <paramref name="error"/> set when the arguments are not understood.</returns>
    public static InitialSyncOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new InitialSyncOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--services" when int.TryParse(value, out var n) && n is > 0 && n <= BenchCluster.MaxServices:
                    options = options with { Services = n };
                    i++;
                    break;
                case "--parallel" when int.TryParse(value, out var n) && n is > 0 and <= 256:
                    options = options with { Parallel = n };
                    i++;
                    break;
                case "--settle" when int.TryParse(value, out var n) && n >= 0:
                    options = options with { Settle = TimeSpan.FromSeconds(n) };
                    i++;
                    break;
                case "--timeout" when int.TryParse(value, out var n) && n > 0:
                    options = options with { Timeout = TimeSpan.FromSeconds(n) };
                    i++;
                    break;
                case "--traced" when int.TryParse(value, out var n) && n > 0:
                    options = options with { TracedServices = n };
                    i++;
                    break;
                case "--trace-gap" when int.TryParse(value, out var n) && n >= 0:
                    options = options with { TraceGap = TimeSpan.FromMilliseconds(n) };
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

        return options.Services + options.TracedServices + TraceWarmup <= BenchCluster.MaxServices
            ? options
            : Error(out error, $"--services plus --traced must be at most {BenchCluster.MaxServices - TraceWarmup}");
    }

    /// <summary>Unmeasured Services the trace creates first.</summary>
    public const int TraceWarmup = 10;

    private static InitialSyncOptions? Error(out string error, string message)
    {
        error = $"{message}\n{Usage}";
        return null;
    }
}
