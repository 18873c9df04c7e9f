namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// BIRD 2 in a namespace (<c>bird -f</c>, so the process is the daemon), driven and read through <c>birdc</c> on its
/// control socket in the work directory. Supports BFD per neighbour.
/// </summary>
public sealed class BirdRouter : BgpRouter
{
    private readonly Dictionary<string, string> _protocolPeers;

    private BirdRouter(BgpRouterOptions options)
        : base(options, "bird")
    {
        _protocolPeers = options.Neighbors.Select((n, i) => (BirdConfig.ProtocolName(i), n.Address))
            .ToDictionary(p => p.Item1, p => p.Address, StringComparer.Ordinal);
    }

    public string ControlSocket => PathOf("bird.ctl");

    public static Task<BirdRouter> StartAsync(BgpRouterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return StartAsync(new BirdRouter(options));
    }

    /// <summary>Runs a <c>birdc</c> command (words as arguments) and returns its output.</summary>
    public Task<string> BirdcAsync(params string[] command) => ControlAsync("birdc", ["-s", ControlSocket, .. command]);

    public override async Task<BgpSessionState> NeighborStateAsync(string neighbor)
    {
        var protocol = _protocolPeers.FirstOrDefault(p => SameAddress(p.Value, neighbor)).Key
            ?? throw new InvalidOperationException($"BIRD has no neighbour {neighbor}");
        return BirdRouteParser.ParseState(await BirdcAsync("show", "protocols", "all", protocol).ConfigureAwait(false));
    }

    public override async Task<IReadOnlyList<BgpRoute>> GetRoutesAsync(BgpFamily family)
    {
        var table = family == BgpFamily.Ipv4 ? "master4" : "master6";
        var text = await BirdcAsync("show", "route", "table", table, "where", "source", "=", "RTS_BGP", "all").ConfigureAwait(false);
        return BirdRouteParser.ParseRoutes(text, _protocolPeers);
    }

    public override async Task<IReadOnlyList<BfdSession>> BfdSessionsAsync() =>
        BirdRouteParser.ParseBfdSessions(await BirdcAsync("show", "bfd", "sessions").ConfigureAwait(false));

    protected override async Task StartDaemonsAsync()
    {
        var config = PathOf("bird.conf");
        await File.WriteAllTextAsync(config, BirdConfig.Render(Options)).ConfigureAwait(false);
        StartDaemon("bird", "bird", "-f", "-c", config, "-s", ControlSocket, "-P", PathOf("bird.pid"));
        await PollAsync(
            async () => (await BirdcAsync("show", "status").ConfigureAwait(false)).Contains("Daemon is up", StringComparison.Ordinal),
            StartTimeout,
            () => "BIRD's control socket").ConfigureAwait(false);
    }
}
