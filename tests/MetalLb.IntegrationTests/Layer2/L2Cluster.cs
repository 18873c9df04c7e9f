using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MassTransit;
using MetalLb.Allocator;
using MetalLb.Allocator.Bus;
using MetalLb.Contracts;
using MetalLb.Hosting.Bus;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.TestSupport;
using MetalLb.TestSupport.Network;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.IntegrationTests.Layer2;

/// <summary>
/// Three announcer hosts and a client on one bridge, a real RabbitMQ in the bridge's namespace, and in the test
/// process the allocator's side of the bus (its plan ledger and snapshot consumer) publishing plans as a test
/// publisher, recording what announcers report. Announcers are started per test.
/// </summary>
public sealed partial class L2Cluster : IAsyncLifetime, IDisposable
{
    public const string Ipv4 = "198.51.100.200";
    public const string Ipv6 = "2001:db8::200";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    private readonly List<AnnouncerProcess> _announcers = [];
    private TestNetwork? _network;
    private NamespacedRabbitMq? _broker;
    private IHost? _bus;
    private long _generation = 1;

    public TestNetwork Network => _network!;

    public NamespacedRabbitMq Broker => _broker!;

    public IReadOnlyList<TestHost> Nodes { get; private set; } = [];

    public TestHost Client { get; private set; } = null!;

    public ConcurrentQueue<AnnouncementStatus> Statuses { get; } = new();

    public ConcurrentQueue<AddressConflictDetected> Conflicts { get; } = new();

    private readonly SemaphoreSlim _conflictArrived = new(0, int.MaxValue);

    /// <summary>Every announcer heartbeat the test's bus received.</summary>
    private readonly Inbox<AnnouncerHeartbeat> _heartbeats = new(h => $"{h.Node}#{h.Sequence}{(h.Warm ? "" : " warming")}");

    /// <summary>Completes with the first conflict report for <paramref name="ip"/> (one already received counts).</summary>
    public async Task<AddressConflictDetected> WaitForConflictAsync(string ip)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            if (Conflicts.FirstOrDefault(c => c.Ip == ip) is { } conflict)
            {
                return conflict;
            }

            await _conflictArrived.WaitAsync(timeout.Token);
        }
    }

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        _network = await TestNetwork.CreateAsync();
        Nodes =
        [
            await _network.AddHostAsync("node-1", "198.51.100.11", "2001:db8::11"),
            await _network.AddHostAsync("node-2", "198.51.100.12", "2001:db8::12"),
            await _network.AddHostAsync("node-3", "198.51.100.13", "2001:db8::13"),
        ];
        Client = await _network.AddHostAsync("client", "198.51.100.1", "2001:db8::1");
        _broker = await NamespacedRabbitMq.StartAsync(_network);
        _bus = BuildBus(this);
        await _bus.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAnnouncersAsync();
        if (_bus is not null)
        {
            await _bus.StopAsync();
            _bus.Dispose();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        if (_network is not null)
        {
            await _network.DisposeAsync();
        }

    }

    public void Dispose() => _conflictArrived.Dispose();

    /// <summary>Starts an announcer on each of the given nodes and waits until each answers on eth0.</summary>
    public Task<IReadOnlyList<AnnouncerProcess>> StartAnnouncersAsync(params TestHost[] nodes) =>
        StartAnnouncersAsync(new Dictionary<string, string>(), nodes);

    /// <summary>As <see cref="StartAnnouncersAsync(TestHost[])"/>, with more environment variables (OTEL_*, say).</summary>
    public async Task<IReadOnlyList<AnnouncerProcess>> StartAnnouncersAsync(IReadOnlyDictionary<string, string> environment, params TestHost[] nodes)
    {
        // After a test that restarted the broker, this process's bus may still be reconnecting (its queues are gone
        // until it has): what it would miss meanwhile is what the next test checks.
        using (var healthy = new CancellationTokenSource(Timeout))
        {
            await _bus!.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, healthy.Token);
        }

        var merged = _broker!.Environment().Concat(environment).ToDictionary(e => e.Key, e => e.Value);
        var startedAt = DateTimeOffset.UtcNow;
        var started = nodes.Select(n => AnnouncerProcess.Start(n, merged)).ToList();
        _announcers.AddRange(started);
        foreach (var announcer in started)
        {
            await announcer.WaitForLineAsync("Answering ARP/NDP on eth0", Timeout);
            await announcer.WaitForLineAsync("Bus started", Timeout);
        }

        // A node elects nobody until it is warm (it has listened for a full dead-after period), and its peers pass it
        // over meanwhile; a plan published earlier is first announced by whichever node warmed first. The tests judge
        // a settled cluster, so they start once every new process says it is warm.
        foreach (var node in nodes)
        {
            await _heartbeats.WaitForAsync(h => h.Node == node.Name && h.Warm && !h.Goodbye && h.SentAt >= startedAt, Timeout);
        }

        return started;
    }

    public async Task StopAnnouncersAsync()
    {
        foreach (var announcer in _announcers)
        {
            await announcer.DisposeAsync();
        }

        _announcers.Clear();
        Statuses.Clear();
        Conflicts.Clear();

        // The next test's announcers ask for a snapshot on start: they begin from nothing, not from this test's plans
        // (a stale winner still holding the address would answer for it until the new plan reached it).
        if (_bus is not null)
        {
            _bus.Services.GetRequiredService<AlwaysLeader>().IsLeader = true;
            ForgetPlans();
        }
    }

    /// <summary>Publishes the plan of Service default/web: both IPs, L2 candidates in the given order.</summary>
    public Task PublishPlanAsync(params TestHost[] order) => PublishPlanAsync([Ipv4, Ipv6], order);

    /// <summary>Publishes the plan of Service default/web with other IPs.</summary>
    public async Task PublishPlanAsync(string[] ips, params TestHost[] order)
    {
        var plan = new AnnouncementPlan(
            "default/web", Interlocked.Increment(ref _generation), ips, "pool",
            [.. order.Select(n => new L2Candidate(n.Name, 0, []))], [], []);
        _bus!.Services.GetRequiredService<PlanLedger>().Record(plan);
        await _bus.Services.GetRequiredService<IBus>().Publish(plan);
    }

    /// <summary>Sends raw frames onto the bridge from the test process's own veth (they reach every host).</summary>
    public void Inject(IEnumerable<byte[]> frames)
    {
        using var device = SharpPcap.LibPcap.LibPcapLiveDeviceList.New().First(d => d.Name == Network.TestInterface);
        device.Open(new SharpPcap.DeviceConfiguration());
        foreach (var frame in frames)
        {
            device.SendPacket(frame);
        }
    }

    /// <summary>The MAC that answers <c>arping</c> from the client for <see cref="Ipv4"/>, or null when none does.</summary>
    public async Task<IReadOnlyList<string>> ArpingAsync(int count = 1)
    {
        var result = await TestNetwork.ExecAsync(Client.Namespace, false, "arping", "-c", count.ToString(CultureInfo.InvariantCulture), "-w", "2", "-I", "eth0", Ipv4);
        return [.. ReplyMac().Matches(result.StandardOutput).Select(m => m.Groups[1].Value.ToLowerInvariant()).Distinct()];
    }

    /// <summary>The link-layer address ndisc6 gets for <see cref="Ipv6"/>, or null when nobody answers.</summary>
    public async Task<string?> NdiscAsync()
    {
        var result = await TestNetwork.ExecAsync(Client.Namespace, false, "ndisc6", "-1", "-r", "1", "-w", "1000", Ipv6, "eth0");
        var match = TargetMac().Match(result.StandardOutput);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    /// <summary>The client's neighbour entry for <see cref="Ipv4"/>, without asking anyone.</summary>
    public async Task<string?> NeighbourAsync()
    {
        var result = await TestNetwork.ExecAsync(Client.Namespace, "ip", "-j", "neigh", "show", Ipv4, "dev", "eth0");
        var entries = JsonNode.Parse(result.StandardOutput)!.AsArray();
        return entries.Count > 0 ? entries[0]!["lladdr"]?.GetValue<string>() : null;
    }

    /// <summary>Polls <paramref name="probe"/> (each probe itself waits on the network) until it gives <paramref name="expected"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> expected, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var value = await probe();
            if (expected(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}; last: {value}");
            }
        }
    }

    private static IHost BuildBus(L2Cluster cluster)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(cluster.BusSettings());
        builder.Services.AddSingleton<PlanLedger>();
        builder.Services.AddSingleton<AlwaysLeader>();
        builder.Services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<AlwaysLeader>());
        builder.Services.AddSingleton(cluster);
        builder.AddMetalLbBus(x =>
        {
            x.AddConsumer<RequestAnnouncementSnapshotConsumer>().Endpoint(e => e.Temporary = true);
            x.AddConsumer<RecordingConsumer>().Endpoint(e => e.Temporary = true);
        });
        return builder.Build();
    }

    [GeneratedRegex(@"reply from 198\.51\.100\.200 \[([0-9A-Fa-f:]{17})\]", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyMac();

    [GeneratedRegex(@"Target link-layer address: ([0-9A-Fa-f:]{17})")]
    private static partial Regex TargetMac();

    /// <summary>Stops answering snapshot requests (a real allocator takes over the publishing) and forgets its plans.</summary>
    public void StepAside()
    {
        _bus!.Services.GetRequiredService<AlwaysLeader>().IsLeader = false;
        ForgetPlans();
    }

    private void ForgetPlans()
    {
        var ledger = _bus!.Services.GetRequiredService<PlanLedger>();
        foreach (var plan in ledger.Plans)
        {
            ledger.Withdraw(plan.ServiceKey);
        }
    }

    /// <summary>
    /// Steps aside (<see cref="StepAside"/>) and starts the real allocator, without leader election, against
    /// <paramref name="api"/> and this segment's broker; the caller stops and disposes it.
    /// </summary>
    public async Task<IHost> StartAllocatorAsync(AllocatorCluster api)
    {
        ArgumentNullException.ThrowIfNull(api);
        StepAside();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(BusSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Allocator:LeaderElection"] = "false" });
        builder.Services.AddSingleton(api.Client);
        builder.AddAllocator();
        var allocator = builder.Build();
        await allocator.StartAsync();
        return allocator;
    }

    /// <summary>The bus settings that reach the broker on the bridge, for other hosts the test builds.</summary>
    public Dictionary<string, string?> BusSettings() => new()
    {
        [$"{RabbitMqOptions.SectionName}:Host"] = TestNetwork.BrokerAddress,
        [$"{RabbitMqOptions.SectionName}:Port"] = Broker.Port.ToString(CultureInfo.InvariantCulture),
        [$"{RabbitMqOptions.SectionName}:Username"] = Broker.Username,
        [$"{RabbitMqOptions.SectionName}:Password"] = Broker.Password,
    };

    private sealed class AlwaysLeader : ILeadership
    {
        public bool IsLeader { get; set; } = true;
    }

    private sealed class RecordingConsumer(L2Cluster cluster)
        : IConsumer<AnnouncementStatus>, IConsumer<AddressConflictDetected>, IConsumer<AnnouncerHeartbeat>
    {
        public Task Consume(ConsumeContext<AnnouncerHeartbeat> context)
        {
            cluster._heartbeats.Add(context.Message);
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<AnnouncementStatus> context)
        {
            cluster.Statuses.Enqueue(context.Message);
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<AddressConflictDetected> context)
        {
            cluster.Conflicts.Enqueue(context.Message);
            cluster._conflictArrived.Release();
            return Task.CompletedTask;
        }
    }
}
