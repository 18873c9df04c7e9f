using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// Network namespaces for BGP tests: router namespaces joined by a veth pair to the root namespace (where the speaker
/// under test runs, in the test process) or to a node namespace (where an FRR under test runs). Each pair gets its own
/// 203.0.113.(4k+1)/(4k+2) /30 and 2001:db8:b9:k::1/::2 /64, k unique among the links present on this machine, so
/// fixtures can coexist. Dispose kills whatever still runs in the namespaces and deletes them; namespaces left by a
/// test process that died are deleted (with their daemons) by the next one.
/// </summary>
public sealed partial class BgpTestNetwork : IAsyncDisposable
{
    private const int Slots = 64;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lock SlotLock = new();
    private static readonly HashSet<int> SlotsInUse = [];
    private readonly string _prefix = $"mlbb-{Environment.ProcessId}-{Random.Shared.Next(1000, 9999)}";
    private readonly List<string> _namespaces = [];
    private readonly List<int> _slots = [];

    private BgpTestNetwork()
    {
    }

    public static async Task<BgpTestNetwork> CreateAsync()
    {
        await RemoveOrphansAsync().ConfigureAwait(false);
        return new BgpTestNetwork();
    }

    /// <summary>The full name of a namespace of this network from its short name.</summary>
    public string NamespaceName(string name) => $"{_prefix}-{name}";

    /// <summary>Adds an empty node namespace (loopback up), to be joined to routers by <see cref="AddRouterAsync"/>.</summary>
    public async Task<string> AddNodeAsync(string name)
    {
        var ns = NamespaceName(name);
        await AddNamespaceAsync(ns).ConfigureAwait(false);
        return ns;
    }

    /// <summary>
    /// Adds a router namespace joined by a veth pair to the root namespace (<paramref name="node"/> null) or to a node
    /// namespace made by <see cref="AddNodeAsync"/> (its full name).
    /// </summary>
    public async Task<BgpLink> AddRouterAsync(string name, string? node = null)
    {
        var ns = NamespaceName(name);
        var slot = await ReserveSlotAsync().ConfigureAwait(false);
        await AddNamespaceAsync(ns).ConfigureAwait(false);
        var routerIf = $"r{name}"[..Math.Min(name.Length + 1, 15)];
        var nodeIf = $"mlbb{Environment.ProcessId % 100_000}x{slot}";
        var link = new BgpLink(
            ns,
            node,
            $"203.0.113.{(4 * slot) + 1}",
            $"203.0.113.{(4 * slot) + 2}",
            $"2001:db8:b9:{slot:x}::1",
            $"2001:db8:b9:{slot:x}::2",
            routerIf,
            nodeIf);
        string[] nodeSide = node is null ? [] : ["-n", node];
        string[] nodeNetns = node is null ? [] : ["netns", node];
        await IpAsync(["link", "add", routerIf, "netns", ns, "type", "veth", "peer", "name", nodeIf, .. nodeNetns]).ConfigureAwait(false);
        await SysctlAsync(ns, $"net.ipv6.conf.{routerIf}.accept_dad=0").ConfigureAwait(false);
        await SysctlAsync(node, $"net.ipv6.conf.{nodeIf}.accept_dad=0").ConfigureAwait(false);
        await IpAsync("-n", ns, "addr", "add", $"{link.RouterIpv4}/30", "dev", routerIf).ConfigureAwait(false);
        await IpAsync("-n", ns, "addr", "add", $"{link.RouterIpv6}/64", "dev", routerIf, "nodad").ConfigureAwait(false);
        await IpAsync([.. nodeSide, "addr", "add", $"{link.NodeIpv4}/30", "dev", nodeIf]).ConfigureAwait(false);
        await IpAsync([.. nodeSide, "addr", "add", $"{link.NodeIpv6}/64", "dev", nodeIf, "nodad"]).ConfigureAwait(false);
        await IpAsync("-n", ns, "link", "set", routerIf, "up").ConfigureAwait(false);
        await IpAsync([.. nodeSide, "link", "set", nodeIf, "up"]).ConfigureAwait(false);
        return link;
    }

    /// <summary>Runs a command inside a namespace and fails on a non-zero exit.</summary>
    public static async Task<ProcessResult> ExecAsync(string ns, params string[] command)
    {
        var result = await ProcessRunner.RunAsync("ip", ["netns", "exec", ns, .. command], CommandTimeout).ConfigureAwait(false);
        return result.Succeeded
            ? result
            : throw new InvalidOperationException($"ip netns exec {ns} {string.Join(' ', command)}: {result}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            await DeleteNamespaceAsync(ns).ConfigureAwait(false);
        }

        _namespaces.Clear();
        lock (SlotLock)
        {
            SlotsInUse.ExceptWith(_slots);
        }

        _slots.Clear();
    }

    private async Task AddNamespaceAsync(string ns)
    {
        await IpAsync("netns", "add", ns).ConfigureAwait(false);
        _namespaces.Add(ns);
        await IpAsync("-n", ns, "link", "set", "lo", "up").ConfigureAwait(false);
    }

    /// <summary>
    /// Picks a /30 and /64 that no link of this process holds and no address in the root namespace falls in (another
    /// test process's root-namespace ends are visible here; node namespaces of this process are tracked in
    /// <see cref="SlotsInUse"/>).
    /// </summary>
    private async Task<int> ReserveSlotAsync()
    {
        var addresses = await IpAsync("-j", "addr", "show").ConfigureAwait(false);
        var taken = new List<IPAddress>();
        foreach (var iface in JsonNode.Parse(addresses.StandardOutput)!.AsArray())
        {
            foreach (var info in iface!["addr_info"]!.AsArray())
            {
                taken.Add(IPAddress.Parse(info!["local"]!.GetValue<string>()));
            }
        }

        lock (SlotLock)
        {
            for (var slot = 1; slot < Slots; slot++)
            {
                if (!SlotsInUse.Contains(slot) && !taken.Any(a => InSlot(a, slot)))
                {
                    SlotsInUse.Add(slot);
                    _slots.Add(slot);
                    return slot;
                }
            }
        }

        throw new InvalidOperationException($"all {Slots - 1} BGP test links of 203.0.113.0/24 are in use");
    }

    private static bool InSlot(IPAddress address, int slot) =>
        IPNetwork.Parse($"203.0.113.{4 * slot}/30").Contains(address)
        || IPNetwork.Parse($"2001:db8:b9:{slot:x}::/64").Contains(address);

    private static async Task SysctlAsync(string? ns, string setting)
    {
        string[] command = ns is null ? ["sysctl", "-qw", setting] : ["ip", "netns", "exec", ns, "sysctl", "-qw", setting];
        var result = await ProcessRunner.RunAsync(command[0], command[1..], CommandTimeout).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)}: {result}");
        }
    }

    private static async Task<ProcessResult> IpAsync(params string[] args)
    {
        var result = await ProcessRunner.RunAsync("ip", args, CommandTimeout).ConfigureAwait(false);
        return result.Succeeded ? result : throw new InvalidOperationException($"ip {string.Join(' ', args)}: {result}");
    }

    /// <summary>Kills what still runs in a namespace (a daemon outliving its fixture) and deletes it.</summary>
    private static async Task DeleteNamespaceAsync(string ns)
    {
        var pids = await ProcessRunner.RunAsync("ip", ["netns", "pids", ns], CommandTimeout).ConfigureAwait(false);
        var list = pids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length > 0)
        {
            await ProcessRunner.RunAsync("kill", ["-9", .. list], CommandTimeout).ConfigureAwait(false);
        }

        await ProcessRunner.RunAsync("ip", ["netns", "del", ns], CommandTimeout).ConfigureAwait(false);
    }

    /// <summary>Deletes the namespaces (and kills the daemons) of test processes that are gone.</summary>
    private static async Task RemoveOrphansAsync()
    {
        var list = await ProcessRunner.RunAsync("ip", ["netns", "list"], CommandTimeout).ConfigureAwait(false);
        foreach (Match match in OrphanPattern().Matches(list.StandardOutput))
        {
            var pid = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (!Directory.Exists($"/proc/{pid}"))
            {
                await DeleteNamespaceAsync(match.Groups[1].Value).ConfigureAwait(false);
            }
        }

        BgpWorkDirectory.RemoveOrphans();
    }

    [GeneratedRegex(@"^(mlbb-(\d+)-\d+-\S+)", RegexOptions.Multiline)]
    private static partial Regex OrphanPattern();
}
