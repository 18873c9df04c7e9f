using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MetalLb.TestSupport.Network;

/// <summary>
/// An L2 segment of network namespaces for tests: namespace <c>lan</c> holds a bridge (and the broker, at
/// <see cref="BrokerAddress"/>); each host is a namespace joined to it by a veth pair whose host end is <c>eth0</c>; the
/// test process reaches the bridge through one veth of its own (<see cref="TestAddress"/>), so it talks only to
/// addresses inside these namespaces. Documentation ranges only (198.51.100.0/24, 2001:db8::/64). Everything is
/// deleted on dispose, and namespaces left by a test process that died are deleted by the next one.
/// </summary>
public sealed partial class TestNetwork : IAsyncDisposable
{
    public const string BrokerAddress = "198.51.100.250";
    public const string TestAddress = "198.51.100.254";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly string _prefix = $"mlbt-{Environment.ProcessId}-{Random.Shared.Next(1000, 9999)}";
    private readonly List<string> _namespaces = [];
    private readonly string _hostVeth;
    private int _ports;

    private TestNetwork()
    {
        _hostVeth = $"mlbh{Random.Shared.Next(100_000, 999_999)}";
    }

    /// <summary>The test process's own veth onto the bridge (in the root namespace): frames sent on it reach every host.</summary>
    public string TestInterface => _hostVeth;

    /// <summary>The namespace holding the bridge.</summary>
    public string Lan => $"{_prefix}-lan";

    public static async Task<TestNetwork> CreateAsync()
    {
        await RemoveOrphansAsync().ConfigureAwait(false);
        var network = new TestNetwork();
        try
        {
            await network.BuildLanAsync().ConfigureAwait(false);
            return network;
        }
        catch
        {
            await network.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Adds a host namespace with <c>eth0</c> on the bridge, carrying the given addresses.</summary>
    public async Task<TestHost> AddHostAsync(string name, string ipv4, string ipv6)
    {
        var ns = $"{_prefix}-{name}";
        var peer = $"p{Interlocked.Increment(ref _ports)}{_hostVeth[4..]}";
        await IpAsync("netns", "add", ns).ConfigureAwait(false);
        _namespaces.Add(ns);
        await IpAsync("-n", ns, "link", "set", "lo", "up").ConfigureAwait(false);
        await IpAsync("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", peer, "netns", Lan).ConfigureAwait(false);
        await IpAsync("-n", Lan, "link", "set", peer, "master", "br0", "up").ConfigureAwait(false);
        await ExecAsync(ns, "sysctl", "-qw", "net.ipv6.conf.eth0.accept_dad=0", "net.ipv4.conf.eth0.arp_accept=1").ConfigureAwait(false);
        await IpAsync("-n", ns, "addr", "add", $"{ipv4}/24", "dev", "eth0").ConfigureAwait(false);
        await IpAsync("-n", ns, "addr", "add", $"{ipv6}/64", "dev", "eth0", "nodad").ConfigureAwait(false);
        await IpAsync("-n", ns, "link", "set", "eth0", "up").ConfigureAwait(false);
        var link = JsonNode.Parse((await IpAsync("-j", "-n", ns, "link", "show", "eth0").ConfigureAwait(false)).StandardOutput)!;
        return new TestHost(name, ns, link[0]!["address"]!.GetValue<string>(), ipv4, ipv6, peer);
    }

    /// <summary>Sets the bridge end of a host's veth down or up: the host's <c>eth0</c> loses or regains carrier.</summary>
    public Task SetCarrierAsync(TestHost host, bool up) =>
        IpAsync("-n", Lan, "link", "set", host.BridgePort, up ? "up" : "down");

    /// <summary>Runs a command inside a namespace and fails on a non-zero exit.</summary>
    public static Task<ProcessResult> ExecAsync(string ns, params string[] command) => ExecAsync(ns, true, command);

    /// <summary>Runs a command inside a namespace; a non-zero exit fails only when <paramref name="check"/> is set.</summary>
    public static async Task<ProcessResult> ExecAsync(string ns, bool check, params string[] command)
    {
        var result = await ProcessRunner.RunAsync("ip", ["netns", "exec", ns, .. command], CommandTimeout).ConfigureAwait(false);
        if (check && !result.Succeeded)
        {
            throw new InvalidOperationException($"ip netns exec {ns} {string.Join(' ', command)}: {result}");
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            await ProcessRunner.RunAsync("ip", ["netns", "del", ns], CommandTimeout).ConfigureAwait(false);
        }

        await ProcessRunner.RunAsync("ip", ["link", "del", _hostVeth], CommandTimeout).ConfigureAwait(false);
        _namespaces.Clear();
    }

    private async Task BuildLanAsync()
    {
        await IpAsync("netns", "add", Lan).ConfigureAwait(false);
        _namespaces.Add(Lan);
        await IpAsync("-n", Lan, "link", "set", "lo", "up").ConfigureAwait(false);
        await IpAsync("-n", Lan, "link", "add", "br0", "type", "bridge").ConfigureAwait(false);
        await ExecAsync(Lan, "sysctl", "-qw", "net.ipv6.conf.br0.accept_dad=0").ConfigureAwait(false);
        await IpAsync("-n", Lan, "addr", "add", $"{BrokerAddress}/24", "dev", "br0").ConfigureAwait(false);
        await IpAsync("-n", Lan, "link", "set", "br0", "up").ConfigureAwait(false);

        // The test process's own way onto the bridge: IPv4 only, so it adds no IPv6 chatter of its own.
        await IpAsync("link", "add", _hostVeth, "type", "veth", "peer", "name", "host", "netns", Lan).ConfigureAwait(false);
        await ProcessRunner.RunAsync("sysctl", ["-qw", $"net.ipv6.conf.{_hostVeth}.disable_ipv6=1"], CommandTimeout).ConfigureAwait(false);
        await IpAsync("-n", Lan, "link", "set", "host", "master", "br0", "up").ConfigureAwait(false);
        await IpAsync("addr", "add", $"{TestAddress}/32", "dev", _hostVeth).ConfigureAwait(false);
        await IpAsync("link", "set", _hostVeth, "up").ConfigureAwait(false);
        await IpAsync("route", "add", $"{BrokerAddress}/32", "dev", _hostVeth, "src", TestAddress).ConfigureAwait(false);
    }

    private static async Task<ProcessResult> IpAsync(params string[] args)
    {
        var result = await ProcessRunner.RunAsync("ip", args, CommandTimeout).ConfigureAwait(false);
        return result.Succeeded ? result : throw new InvalidOperationException($"ip {string.Join(' ', args)}: {result}");
    }

    /// <summary>Deletes the namespaces of test processes that are gone (a crash or a kill skipped their cleanup).</summary>
    private static async Task RemoveOrphansAsync()
    {
        var list = await ProcessRunner.RunAsync("ip", ["netns", "list"], CommandTimeout).ConfigureAwait(false);
        foreach (Match match in OrphanPattern().Matches(list.StandardOutput))
        {
            var pid = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (!Directory.Exists($"/proc/{pid}"))
            {
                await ProcessRunner.RunAsync("ip", ["netns", "del", match.Groups[1].Value], CommandTimeout).ConfigureAwait(false);
            }
        }
    }

    [GeneratedRegex(@"^(mlbt-(\d+)-\d+-\S+)", RegexOptions.Multiline)]
    private static partial Regex OrphanPattern();
}
