using System.Collections.Concurrent;
using System.Globalization;
using MassTransit;
using MetalLb.Allocator.Bus;
using MetalLb.Contracts;
using MetalLb.Hosting.Bus;
using MetalLb.TestSupport;
using MetalLb.TestSupport.Network;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.Benchmarks.L2Failover;

/// <summary>
/// The integration tests' L2 topology for benchmarking: three announcer hosts and a client on one bridge, a real
/// RabbitMQ in the bridge's namespace, and here the allocator's side of the bus (plan ledger, snapshot consumer)
/// publishing plans and recording the announcers' statuses. Deletes every namespace on dispose.
/// </summary>
internal sealed class L2BenchCluster : IAsyncDisposable
{
    public const string Ipv4 = "198.51.100.200";
    public const string Ipv6 = "2001:db8::200";
    public const string WebService = "default/web";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, AnnouncerProcess> _announcers = new(StringComparer.Ordinal);
    private TestNetwork? _network;
    private NamespacedRabbitMq? _broker;
    private IHost? _bus;
    private long _generation = 1;
    private int _logs;

    public TestNetwork Network => _network!;

    public IReadOnlyList<TestHost> Nodes { get; private set; } = [];

    public TestHost Client { get; private set; } = null!;

    public ConcurrentQueue<(long Nanos, AnnouncementStatus Status)> Statuses { get; } = new();

    /// <summary>When set, each announcer's log is written here when it is replaced or stopped.</summary>
    public string? LogDirectory { get; set; }

    public static async Task<L2BenchCluster> StartAsync(Action<string> log, CancellationToken cancellationToken)
    {
        // TestNetwork routes the broker's /32 through its own veth in the root namespace: another process's network
        // (the integration tests' L2 fixture, say) holds that route until it is done, and two cannot coexist.
        for (var logged = false; (await ProcessRunner.RunAsync("ip", ["route", "show", $"{TestNetwork.BrokerAddress}/32"], Timeout, cancellationToken: cancellationToken)).StandardOutput.Length > 0;)
        {
            if (!logged)
            {
                log($"another test network holds the route to {TestNetwork.BrokerAddress}; waiting for it to go");
                logged = true;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        var cluster = new L2BenchCluster();
        try
        {
            cluster._network = await TestNetwork.CreateAsync();
            cluster.Nodes =
            [
                await cluster._network.AddHostAsync("node-1", "198.51.100.11", "2001:db8::11"),
                await cluster._network.AddHostAsync("node-2", "198.51.100.12", "2001:db8::12"),
                await cluster._network.AddHostAsync("node-3", "198.51.100.13", "2001:db8::13"),
            ];
            cluster.Client = await cluster._network.AddHostAsync("client", "198.51.100.1", "2001:db8::1");
            cluster._broker = await NamespacedRabbitMq.StartAsync(cluster._network);
            cluster._bus = BuildBus(cluster);
            await cluster._bus.StartAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The announcer running on <paramref name="node"/> now.</summary>
    public AnnouncerProcess Announcer(TestHost node) => _announcers[node.Name];

    /// <summary>Starts an announcer on <paramref name="node"/> and waits until it answers on eth0 and its bus is up.</summary>
    public async Task<AnnouncerProcess> StartAnnouncerAsync(TestHost node)
    {
        var environment = new Dictionary<string, string>(_broker!.Environment())
        {
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
        };
        if (_announcers.TryGetValue(node.Name, out var previous))
        {
            await SaveLogAsync(previous);
        }

        var announcer = AnnouncerProcess.Start(node, environment);
        _announcers[node.Name] = announcer;
        await announcer.WaitForLineAsync("Answering ARP/NDP on eth0", Timeout);
        await announcer.WaitForLineAsync("Bus started", Timeout);
        return announcer;
    }

    public async Task StopAnnouncersAsync()
    {
        foreach (var announcer in _announcers.Values)
        {
            await announcer.DisposeAsync();
            await SaveLogAsync(announcer);
        }

        _announcers.Clear();
    }

    /// <summary>Publishes a Service's plan as the allocator would: recorded in the ledger (for snapshots), then sent.</summary>
    public async Task PublishPlanAsync(string service, IReadOnlyList<string> ips, params TestHost[] order)
    {
        var plan = new AnnouncementPlan(
            service, Interlocked.Increment(ref _generation), ips, "pool", [.. order.Select(n => new L2Candidate(n.Name, 0, []))], [], []);
        _bus!.Services.GetRequiredService<PlanLedger>().Record(plan);
        await _bus.Services.GetRequiredService<IBus>().Publish(plan);
    }

    /// <summary>How many log lines of <paramref name="node"/>'s current announcer contain <paramref name="text"/>.</summary>
    public int Count(TestHost node, string text) => Announcer(node).Lines.Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits until <paramref name="node"/>'s announcer has logged <paramref name="text"/> more than <paramref name="before"/> times.</summary>
    public async Task WaitForMoreAsync(TestHost node, string text, int before)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (Count(node, text) <= before)
        {
            if (DateTime.UtcNow > deadline || Announcer(node).HasExited)
            {
                throw new TimeoutException($"{node.Name}: no new \"{text}\" within {Timeout}; log:\n{string.Join('\n', Announcer(node).Lines.TakeLast(40))}");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
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

    private async Task SaveLogAsync(AnnouncerProcess announcer)
    {
        if (LogDirectory is not null)
        {
            Directory.CreateDirectory(LogDirectory);
            var name = $"{Interlocked.Increment(ref _logs):D3}-{announcer.Host.Name}.log";
            await File.WriteAllLinesAsync(Path.Combine(LogDirectory, name), announcer.Lines);
        }
    }

    private static IHost BuildBus(L2BenchCluster cluster)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{RabbitMqOptions.SectionName}:Host"] = TestNetwork.BrokerAddress,
            [$"{RabbitMqOptions.SectionName}:Port"] = cluster._broker!.Port.ToString(CultureInfo.InvariantCulture),
            [$"{RabbitMqOptions.SectionName}:Username"] = cluster._broker.Username,
            [$"{RabbitMqOptions.SectionName}:Password"] = cluster._broker.Password,
        });
        builder.Services.AddSingleton<PlanLedger>();
        builder.Services.AddSingleton<ILeadership, AlwaysLeader>();
        builder.Services.AddSingleton(cluster);
        builder.AddMetalLbBus(x =>
        {
            x.AddConsumer<RequestAnnouncementSnapshotConsumer>().Endpoint(e => e.Temporary = true);
            x.AddConsumer<StatusRecorder>().Endpoint(e => e.Temporary = true);
        });
        return builder.Build();
    }

    private sealed class AlwaysLeader : ILeadership
    {
        public bool IsLeader => true;
    }

    private sealed class StatusRecorder(L2BenchCluster cluster) : IConsumer<AnnouncementStatus>
    {
        public Task Consume(ConsumeContext<AnnouncementStatus> context)
        {
            cluster.Statuses.Enqueue((Clock.UnixNanoseconds(), context.Message));
            return Task.CompletedTask;
        }
    }
}
