using System.Text.Json.Nodes;
using MetalLb.Announcer.Frr;
using MetalLb.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>
/// A node namespace running FRR (zebra, bgpd, bfdd as user frr, empty configuration, vty sockets in a temporary
/// directory) for an <see cref="FrrBgpBackend"/> in the test process to drive, and a router namespace running BIRD with
/// BFD, joined by a veth pair: node 192.0.2.1 / 2001:db8:f7::1, router 192.0.2.2 / 2001:db8:f7::2. BIRD holds an iBGP
/// IPv4 session (TCP-MD5, BFD) and an iBGP IPv6 session with the node, imports everything and exports nothing.
/// Disposing kills the daemons and deletes the namespaces and the directory.
/// </summary>
internal sealed class FrrLab : IAsyncDisposable
{
    public const string NodeV4 = "192.0.2.1";
    public const string RouterV4 = "192.0.2.2";
    public const string NodeV6 = "2001:db8:f7::1";
    public const string RouterV6 = "2001:db8:f7::2";
    public const uint Asn = 64512;
    public const string Password = "s3cret-md5";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly List<LabDaemon> _daemons = [];
    private readonly string _id = $"{Environment.ProcessId % 100_000}{Random.Shared.Next(100, 999)}";

    private FrrLab()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("frr-lab-").FullName;
        Sockets = Path.Combine(Directory, "run");
        Node = $"frrn-{_id}";
        Router = $"frrr-{_id}";
    }

    public string Directory { get; }

    /// <summary>FRR's vty socket directory.</summary>
    public string Sockets { get; }

    public string Node { get; }

    public string Router { get; }

    private string BirdSocket => Path.Combine(Directory, "bird.ctl");

    public static async Task<FrrLab> StartAsync()
    {
        var lab = new FrrLab();
        try
        {
            await lab.WireAsync();
            await lab.StartFrrAsync();
            await lab.StartBirdAsync();
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>The options a backend of this lab runs with: its sockets, a configuration file in the lab's directory.</summary>
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

    /// <summary>BIRD's routes (<c>show route all</c>), parsed.</summary>
    public async Task<IReadOnlyList<BirdRoute>> BirdRoutesAsync() => BirdRoute.Parse(await BirdcAsync("show route all"));

    /// <summary>BIRD's <c>show bfd sessions</c>.</summary>
    public Task<string> BirdBfdAsync() => BirdcAsync("show bfd sessions");

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds; on timeout fails with the last value and the daemons' output.</summary>
    public async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        T last;
        while (true)
        {
            last = await read();
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

    public string Logs() => string.Join('\n', _daemons.Select(d => d.Output()));

    public async ValueTask DisposeAsync()
    {
        foreach (var daemon in Enumerable.Reverse(_daemons))
        {
            await daemon.DisposeAsync();
        }

        foreach (var ns in (string[])[Router, Node])
        {
            await ProcessRunner.RunAsync("ip", ["netns", "del", ns], CommandTimeout);
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string Describe<T>(T value) => value is System.Collections.IEnumerable e and not string
        ? "[" + string.Join(", ", e.Cast<object>()) + "]"
        : value?.ToString() ?? "null";

    private async Task WireAsync()
    {
        var (nodeIf, routerIf) = ($"fn{_id}", $"fr{_id}");
        await IpAsync("netns", "add", Node);
        await IpAsync("netns", "add", Router);
        await IpAsync("link", "add", nodeIf, "netns", Node, "type", "veth", "peer", "name", routerIf, "netns", Router);
        foreach (var (ns, dev, v4, v6) in new[] { (Node, nodeIf, NodeV4, NodeV6), (Router, routerIf, RouterV4, RouterV6) })
        {
            await IpAsync("-n", ns, "addr", "add", $"{v4}/24", "dev", dev);
            await IpAsync("-n", ns, "addr", "add", $"{v6}/64", "dev", dev, "nodad");
            await IpAsync("-n", ns, "link", "set", dev, "up");
            await IpAsync("-n", ns, "link", "set", "lo", "up");
        }
    }

    private async Task StartFrrAsync()
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
            _daemons.Add(LabDaemon.Start(Node, daemon,
            [
                $"/usr/lib/frr/{daemon}", "-f", empty, "--vty_socket", Sockets, "-i", Path.Combine(Sockets, $"{daemon}.pid"),
                "-z", Path.Combine(Sockets, "zserv.api"), "-u", "frr", "-g", "frr", "--log", "stdout", .. extra,
            ]));
            await UntilAsync(() => Task.FromResult(File.Exists(Path.Combine(Sockets, $"{daemon}.vty"))), up => up, $"{daemon} vty socket", TimeSpan.FromSeconds(20));
        }
    }

    private async Task StartBirdAsync()
    {
        var config = Path.Combine(Directory, "bird.conf");
        await File.WriteAllTextAsync(config, $$"""
            router id {{RouterV4}};
            protocol device { }
            protocol bfd {
              interface "*" { min rx interval 100 ms; min tx interval 100 ms; multiplier 3; };
            }
            protocol bgp node4 {
              local {{RouterV4}} as {{Asn}};
              neighbor {{NodeV4}} as {{Asn}};
              password "{{Password}}";
              bfd on;
              direct;
              connect delay time 1;
              error wait time 1, 5;
              ipv4 { import all; export none; };
            }
            protocol bgp node6 {
              local {{RouterV6}} as {{Asn}};
              neighbor {{NodeV6}} as {{Asn}};
              direct;
              connect delay time 1;
              error wait time 1, 5;
              ipv6 { import all; export none; };
            }

            """);
        _daemons.Add(LabDaemon.Start(Router, "bird", "bird", "-f", "-c", config, "-s", BirdSocket, "-P", Path.Combine(Directory, "bird.pid")));
        await UntilAsync(async () => (await ProcessRunner.RunAsync("birdc", ["-s", BirdSocket, "show", "status"], CommandTimeout)).Succeeded,
            up => up, "BIRD control socket", TimeSpan.FromSeconds(20));
    }

    private async Task<string> BirdcAsync(string command)
    {
        var result = await ProcessRunner.RunAsync("birdc", ["-s", BirdSocket, .. command.Split(' ')], CommandTimeout);
        return result.Succeeded ? result.StandardOutput : throw new InvalidOperationException($"birdc {command}: {result}\n{Logs()}");
    }

    private static async Task IpAsync(params string[] args)
    {
        var result = await ProcessRunner.RunAsync("ip", args, CommandTimeout);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)}: {result}");
        }
    }
}
