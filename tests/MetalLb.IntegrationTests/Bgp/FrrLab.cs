using System.Text.Json.Nodes;
using MetalLb.Announcer.Frr;
using MetalLb.TestSupport;
using MetalLb.TestSupport.Bgp;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>
/// A node namespace running FRR (zebra, bgpd, bfdd as user frr, empty configuration, vty sockets in a temporary
/// directory) for an <see cref="FrrBgpBackend"/> in the test process to drive, joined to a router namespace running
/// BIRD (<see cref="BgpTestNetwork"/>, <see cref="BirdRouter"/>). BIRD waits for the node to dial an iBGP IPv4 session
/// (TCP-MD5, BFD) and an iBGP IPv6 session, imports everything and exports nothing. Disposing kills the daemons and
/// deletes the namespaces and the directory.
/// </summary>
internal sealed class FrrLab : IAsyncDisposable
{
    public const uint Asn = 64512;
    public const string Password = "s3cret-md5";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly List<LabDaemon> _daemons = [];
    private readonly BgpTestNetwork _network;
    private BirdRouter? _router;

    private FrrLab(BgpTestNetwork network)
    {
        _network = network;
        Directory = System.IO.Directory.CreateTempSubdirectory("frr-lab-").FullName;
        Sockets = Path.Combine(Directory, "run");
    }

    public string Directory { get; }

    /// <summary>FRR's vty socket directory.</summary>
    public string Sockets { get; }

    /// <summary>The veth pair: the node's (FRR's) addresses and the router's (BIRD's).</summary>
    public BgpLink Link { get; private set; } = null!;

    public BirdRouter Router => _router!;

    public static async Task<FrrLab> StartAsync()
    {
        var lab = new FrrLab(await BgpTestNetwork.CreateAsync());
        try
        {
            var node = await lab._network.AddNodeAsync("frr-node");
            lab.Link = await lab._network.AddRouterAsync("frr-rtr", node);
            await lab.StartFrrAsync(node);
            lab._router = await BirdRouter.StartAsync(new BgpRouterOptions(lab.Link.Router, Asn, lab.Link.RouterIpv4,
            [
                new BgpNeighbor(lab.Link.NodeIpv4, Asn) { Password = Password, Bfd = new BfdOptions(100, 100, 3), Families = [BgpFamily.Ipv4] },
                new BgpNeighbor(lab.Link.NodeIpv6, Asn) { Families = [BgpFamily.Ipv6] },
            ]));
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>The options a backend of this lab runs with: its sockets, the configuration in the lab's directory.</summary>
    public FrrOptions Options(TimeSpan debounce) => new()
    {
        VtySocketDirectory = Sockets,
        ConfigDirectory = Directory,
        Debounce = debounce,
        RetryInterval = TimeSpan.FromSeconds(1),
        PollInterval = TimeSpan.FromMilliseconds(200),
    };

    public FrrBgpBackend Backend(TimeSpan debounce)
    {
        var options = Options(debounce);
        return new FrrBgpBackend("node-a", new VtyshFrrControl(Microsoft.Extensions.Options.Options.Create(options), NullLogger<VtyshFrrControl>.Instance),
            options, TimeProvider.System, NullLogger<FrrBgpBackend>.Instance);
    }

    /// <summary>Runs a vtysh command against the node's FRR.</summary>
    public async Task<string> VtyshAsync(string command)
    {
        var result = await ProcessRunner.RunAsync("vtysh", ["--vty_socket", Sockets, "-c", command], CommandTimeout);
        return result.Succeeded ? result.StandardOutput : throw new InvalidOperationException($"vtysh -c '{command}': {result}\n{Logs()}");
    }

    /// <summary>The node FRR's view of one neighbour.</summary>
    public async Task<FrrNeighborStatus?> FrrNeighborAsync(string address) =>
        FrrNeighborParser.Parse(await VtyshAsync("show bgp vrf all neighbors json")).SingleOrDefault(n => n.Key == address);

    /// <summary>bfdd's sessions on the node: peer, status and the intervals in use.</summary>
    public async Task<IReadOnlyList<JsonObject>> FrrBfdPeersAsync() =>
        [.. (JsonNode.Parse(await VtyshAsync("show bfd peers json"))?.AsArray() ?? []).OfType<JsonObject>()];

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds; on timeout fails with the last value and the daemons' output.</summary>
    public async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        while (true)
        {
            var last = await read();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no {what}; last: {Describe(last)}\n{Logs()}");
            }

            await Task.Delay(100);
        }
    }

    public string Logs() => string.Join('\n', _daemons.Select(d => d.Output())) + "\n--- BIRD ---\n" + _router?.Logs();

    public async ValueTask DisposeAsync()
    {
        if (_router is not null)
        {
            await _router.DisposeAsync();
        }

        foreach (var daemon in Enumerable.Reverse(_daemons))
        {
            await daemon.DisposeAsync();
        }

        await _network.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string Describe<T>(T value) => value is System.Collections.IEnumerable e and not string
        ? "[" + string.Join(", ", e.Cast<object>()) + "]"
        : value?.ToString() ?? "null";

    private async Task StartFrrAsync(string node)
    {
        // FRR's daemons run as frr and must reach their socket directory inside this root-owned temporary one.
        await ProcessRunner.RunAsync("chmod", ["711", Directory], CommandTimeout);
        System.IO.Directory.CreateDirectory(Sockets);
        var empty = Path.Combine(Sockets, "empty.conf");
        await File.WriteAllTextAsync(empty, "");
        await ProcessRunner.RunAsync("chown", ["-R", "frr:frr", Sockets], CommandTimeout);
        foreach (var daemon in (string[])["zebra", "bfdd", "bgpd"])
        {
            string[] extra = daemon == "bgpd" ? ["-n"] : [];
            _daemons.Add(LabDaemon.Start(node, daemon,
            [
                $"/usr/lib/frr/{daemon}", "-f", empty, "--vty_socket", Sockets, "-i", Path.Combine(Sockets, $"{daemon}.pid"),
                "-z", Path.Combine(Sockets, "zserv.api"), "-u", "frr", "-g", "frr", "--log", "stdout", .. extra,
            ]));
            await UntilAsync(() => Task.FromResult(File.Exists(Path.Combine(Sockets, $"{daemon}.vty"))), up => up, $"{daemon} vty socket", TimeSpan.FromSeconds(20));
        }
    }
}
