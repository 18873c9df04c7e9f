namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// FRR in a namespace: zebra (bgpd without zebra drops IPv6 routes), bgpd with <c>-n</c> (nothing installed in the
/// kernel) and, when a neighbour asks for BFD, bfdd; all as user frr, with their vty sockets, zserv socket, BFD control
/// socket and pid files in the work directory so instances do not meet. Read through <c>vtysh --vty_socket</c>.
/// </summary>
public sealed class FrrRouter : BgpRouter
{
    private const string Daemons = "/usr/lib/frr";

    private FrrRouter(BgpRouterOptions options)
        : base(options, "frr")
    {
    }

    public static Task<FrrRouter> StartAsync(BgpRouterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return StartAsync(new FrrRouter(options));
    }

    /// <summary>Runs vtysh commands (each a <c>-c</c>) against this instance and returns the output.</summary>
    public Task<string> VtyshAsync(params string[] commands) =>
        ControlAsync("vtysh", ["--vty_socket", WorkDirectory, .. commands.SelectMany(c => new[] { "-c", c })]);

    public override async Task<BgpSessionState> NeighborStateAsync(string neighbor) =>
        FrrJsonParser.ParseState(await VtyshAsync($"show bgp neighbors {neighbor} json").ConfigureAwait(false), neighbor);

    public override async Task<IReadOnlyList<BgpRoute>> GetRoutesAsync(BgpFamily family) =>
        FrrJsonParser.ParseRoutes(await VtyshAsync(
            $"show bgp {(family == BgpFamily.Ipv4 ? "ipv4" : "ipv6")} unicast json detail").ConfigureAwait(false));

    public override async Task<IReadOnlyList<BfdSession>> BfdSessionsAsync() =>
        FrrJsonParser.ParseBfdPeers(await VtyshAsync("show bfd peers json").ConfigureAwait(false));

    protected override async Task StartDaemonsAsync()
    {
        var bfd = Options.Neighbors.Any(n => n.Bfd is not null);
        await File.WriteAllTextAsync(PathOf("zebra.conf"), "log stdout informational\n").ConfigureAwait(false);
        await File.WriteAllTextAsync(PathOf("bgpd.conf"), FrrConfig.RenderBgpd(Options)).ConfigureAwait(false);
        if (bfd)
        {
            await File.WriteAllTextAsync(PathOf("bfdd.conf"), FrrConfig.RenderBfdd(Options)).ConfigureAwait(false);
        }

        foreach (var stale in new[] { "zebra.vty", "bgpd.vty", "bfdd.vty", "zserv.api", "bfdd.sock" })
        {
            File.Delete(PathOf(stale));
        }

        await ControlAsync("chown", "-R", "frr:frr", WorkDirectory).ConfigureAwait(false);
        StartDaemon("zebra", Command("zebra"));
        await WaitForSocketAsync("zebra.vty").ConfigureAwait(false);
        await WaitForSocketAsync("zserv.api").ConfigureAwait(false);
        if (bfd)
        {
            StartDaemon("bfdd", [.. Command("bfdd"), "--bfdctl", PathOf("bfdd.sock")]);
            await WaitForSocketAsync("bfdd.vty").ConfigureAwait(false);
        }

        StartDaemon("bgpd", [.. Command("bgpd"), "-n"]);
        await WaitForSocketAsync("bgpd.vty").ConfigureAwait(false);
        await PollAsync(
            async () => (await VtyshAsync("show bgp summary json").ConfigureAwait(false)).Contains("routerId", StringComparison.Ordinal),
            StartTimeout,
            () => "bgpd to answer").ConfigureAwait(false);
    }

    private string[] Command(string daemon) =>
    [
        $"{Daemons}/{daemon}", "-u", "frr", "-g", "frr", "-P", "0", "--vty_socket", WorkDirectory,
        "-i", PathOf($"{daemon}.pid"), "-z", PathOf("zserv.api"), "-f", PathOf($"{daemon}.conf"),
    ];

    private Task WaitForSocketAsync(string name) =>
        PollAsync(() => Task.FromResult(File.Exists(PathOf(name))), StartTimeout, () => $"{name} in {WorkDirectory}");
}
