using System.Text.Json.Nodes;

namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// gobgpd in a namespace, its API on that namespace's own loopback (127.0.0.1:50051 is private to it), read through
/// the <c>gobgp</c> CLI. Originated routes are added over the API after start. gobgpd has no BFD.
/// </summary>
public sealed class GoBgpRouter : BgpRouter
{
    private const string ApiHost = "127.0.0.1:50051";

    private GoBgpRouter(BgpRouterOptions options)
        : base(options, "gobgp")
    {
    }

    public static Task<GoBgpRouter> StartAsync(BgpRouterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Neighbors.Any(n => n.Bfd is not null))
        {
            throw new NotSupportedException("gobgpd has no BFD; use BirdRouter or FrrRouter");
        }

        return StartAsync(new GoBgpRouter(options));
    }

    /// <summary>Runs a <c>gobgp</c> CLI command against this instance's API (inside its namespace) and returns its output.</summary>
    public Task<string> GoBgpAsync(params string[] args) =>
        ControlAsync("ip", ["netns", "exec", Options.Namespace, "gobgp", .. args]);

    public override async Task<BgpSessionState> NeighborStateAsync(string neighbor)
    {
        var json = JsonNode.Parse(await GoBgpAsync("neighbor", "-j").ConfigureAwait(false))!.AsArray();
        var peer = json.FirstOrDefault(p => SameAddress(p!["conf"]!["neighbor_address"]!.GetValue<string>(), neighbor))
            ?? throw new InvalidOperationException($"gobgpd has no neighbour {neighbor}");
        return (peer["state"]?["session_state"]?.GetValue<int>() ?? 0) switch
        {
            2 => BgpSessionState.Connect,
            3 => BgpSessionState.Active,
            4 => BgpSessionState.OpenSent,
            5 => BgpSessionState.OpenConfirm,
            6 => BgpSessionState.Established,
            _ => BgpSessionState.Idle,
        };
    }

    public override async Task<IReadOnlyList<BgpRoute>> GetRoutesAsync(BgpFamily family) =>
        GoBgpRibParser.Parse(await GoBgpAsync("global", "rib", "-a", FamilyName(family), "-j").ConfigureAwait(false));

    public override Task<IReadOnlyList<BfdSession>> BfdSessionsAsync() =>
        throw new NotSupportedException("gobgpd has no BFD");

    protected override async Task StartDaemonsAsync()
    {
        var config = PathOf("gobgpd.toml");
        await File.WriteAllTextAsync(config, GoBgpConfig.Render(Options)).ConfigureAwait(false);
        StartDaemon("gobgpd", "gobgpd", "-f", config, "--api-hosts", ApiHost, "--log-plain", "--pprof-disable");
        await PollAsync(
            async () => (await GoBgpAsync("global").ConfigureAwait(false)).Length > 0,
            StartTimeout,
            () => "gobgpd's API").ConfigureAwait(false);
        foreach (var route in Options.Routes)
        {
            await GoBgpAsync(AddRouteArguments(route)).ConfigureAwait(false);
        }
    }

    private static string[] AddRouteArguments(OriginatedRoute route)
    {
        List<string> args = ["global", "rib", "add", "-a", FamilyName(route.Family), route.Prefix.ToString(), "origin", "igp"];
        if (route.Communities.Count > 0)
        {
            args.AddRange(["community", string.Join(',', route.Communities)]);
        }

        if (route.LargeCommunities.Count > 0)
        {
            args.AddRange(["large-community", string.Join(',', route.LargeCommunities)]);
        }

        if (route.LocalPref is { } localPref)
        {
            args.AddRange(["local-pref", Invariant(localPref)]);
        }

        if (route.Med is { } med)
        {
            args.AddRange(["med", Invariant(med)]);
        }

        return [.. args];
    }

    private static string FamilyName(BgpFamily family) => family == BgpFamily.Ipv4 ? "ipv4" : "ipv6";
}
