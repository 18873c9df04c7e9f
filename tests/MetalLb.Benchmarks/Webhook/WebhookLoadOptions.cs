namespace MetalLb.Benchmarks.Webhook;

/// <summary>The arguments of <c>webhook-load</c>: <c>[--requests N] [--out FILE]</c>.</summary>
internal sealed record WebhookLoadOptions
{
    public const string Usage = "usage: webhook-load [--requests N] [--out FILE] [--pools N]\n"
        + "  --requests N  requests per measured phase for both endpoints (default 20000 for both)\n"
        + "  --out FILE    also write the Markdown report to FILE\n"
        + "  --pools N     IPAddressPools in the webhook's current set (default 1000, at most 32768)";

    /// <summary>Pool i owns 10.{i / 256}.{i % 256}.0/28, so 10.0/9 holds at most this many.</summary>
    public const int MaxPools = 128 * 256;

    public const int DefaultHealthRequests = 20_000;

    public const int DefaultCreateRequests = 20_000;

    /// <summary>Pools in the webhook's current set, as in the issue's benchmark.</summary>
    public int Pools { get; init; } = 1_000;

    public int HealthRequests { get; init; } = DefaultHealthRequests;

    public int CreateRequests { get; init; } = DefaultCreateRequests;

    public string? OutFile { get; init; }

    public IReadOnlyList<int> Concurrencies { get; init; } = [1, 16, 64];

    /// <summary>A phase stops here even when it has not sent all its requests.</summary>
    public TimeSpan PhaseLimit { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <returns>The options, or null with <paramref name="error"/> set when the arguments are not understood.</returns>
    public static WebhookLoadOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new WebhookLoadOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--requests" when int.TryParse(value, out var n) && n > 0:
                    options = options with { HealthRequests = n, CreateRequests = n };
                    i++;
                    break;
                case "--pools" when int.TryParse(value, out var n) && n is >= 0 and <= MaxPools:
                    options = options with { Pools = n };
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

        return options;
    }
}
