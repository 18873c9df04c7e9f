using System.Globalization;
using System.Text.Json.Nodes;
using MassTransit;
using MetalLb.Allocator;
using MetalLb.Allocator.Bus;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bus;
using MetalLb.Hosting.Telemetry;
using MetalLb.Kubernetes.Manifests;
using MetalLb.Webhook;
using MetalLb.Webhook.Admission;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetalLb.Cli.Lab;

/// <summary>
/// The whole suite in one process: an object store fed through admission, the allocator's reconciler, and simulated
/// announcer nodes, talking over the real message bus (in memory, or RabbitMQ with <see cref="LabSettings.Broker"/>).
/// </summary>
public sealed partial class LabSession : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly List<SimulatedNode> _nodes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _syncs = [];
    private readonly List<AnnouncerSync> _syncers = [];
    private readonly SemaphoreSlim _changed = new(0, int.MaxValue);
    private readonly Dictionary<string, Applied> _applied = new(StringComparer.Ordinal);
    private int _clusterIps;

    private LabSession(IHost host, List<SimulatedNode> nodes, LabObjectStore store, LabSettings settings)
    {
        _host = host;
        _nodes = nodes;
        Store = store;
        Settings = settings;
        Recorder = host.Services.GetRequiredService<LabRecorder>();
        Ledger = host.Services.GetRequiredService<PlanLedger>();
        Statuses = host.Services.GetRequiredService<AnnouncementStatusBook>();
        Admission = new LabAdmission(store, new WebhookOptions { Namespace = settings.Namespace, BgpMode = settings.BgpMode, LoadBalancerClass = settings.LoadBalancerClass });
        Reconciler = new AllocatorReconciler(
            new LabServiceStatusWriter(store), Recorder, Recorder, Recorder,
            new BusPlanPublisher(host.Services.GetRequiredService<IBus>(), Ledger, host.Services.GetRequiredService<ILogger<BusPlanPublisher>>()),
            host.Services.GetRequiredService<AllocatorOptions>(), TimeProvider.System, host.Services.GetRequiredService<ILogger<AllocatorReconciler>>());
        foreach (var node in nodes)
        {
            node.Agent.Converged += _ => _changed.Release();
        }

        Recorder.StatusWritten += () => _changed.Release();
    }

    public LabSettings Settings { get; }

    public LabObjectStore Store { get; }

    public LabAdmission Admission { get; }

    public LabRecorder Recorder { get; }

    public PlanLedger Ledger { get; }

    public AnnouncementStatusBook Statuses { get; }

    public AllocatorReconciler Reconciler { get; }

    public IReadOnlyList<SimulatedNode> Nodes => _nodes;

    /// <summary>Builds the bus with one receive endpoint per simulated node, starts it, and gives every node its first snapshot.</summary>
    public static async Task<LabSession> StartAsync(LabSettings settings, IReadOnlyList<string> nodeNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var store = new LabObjectStore(settings.Namespace);
        var live = nodeNames.ToHashSet(StringComparer.Ordinal);
        var nodes = nodeNames.Select(n => new SimulatedNode(n, live)).ToList();
        var host = BuildHost(settings, nodes, store);
        var session = new LabSession(host, nodes, store, settings);
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var bus = host.Services.GetRequiredService<IBus>();
            foreach (var node in nodes)
            {
                var sync = new AnnouncerSync(bus, node.Agent);
                session._syncers.Add(sync);
                session._syncs.Add(sync.RunAsync(session._stopping.Token));
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            await Task.WhenAll(session._syncers.Select(s => s.Initial)).WaitAsync(timeout.Token).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_syncs).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        try
        {
            await _host.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
            foreach (var sync in _syncers)
            {
                sync.Dispose();
            }

            foreach (var node in _nodes)
            {
                node.Dispose();
            }

            _stopping.Dispose();
            _changed.Dispose();
        }
    }

    /// <summary>
    /// Brings the store to <paramref name="documents"/> the way <c>kubectl apply</c> of them would (creates and
    /// updates in dependency order, then deletes of what is gone), every write through admission.
    /// </summary>
    public IReadOnlyList<LabWrite> Apply(IReadOnlyList<ManifestObject> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var writes = new List<LabWrite>();
        var wanted = new Dictionary<string, ManifestObject>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            wanted[Key(doc)] = doc;
        }

        foreach (var (key, doc) in wanted.OrderBy(d => KindOrder(d.Value.Kind)))
        {
            var known = _applied.GetValueOrDefault(key);
            if (known is not null && JsonNode.DeepEquals(known.Written, doc.Object))
            {
                continue;
            }

            var operation = known is null ? AdmissionOperation.Create : AdmissionOperation.Update;
            var outcome = Admission.Admit(doc, operation, known?.Stored);
            writes.Add(new LabWrite(doc, operation, outcome.Decision));
            if (!outcome.Decision.Allowed)
            {
                continue;
            }

            var decoded = AdmissionObjectReader.Read(outcome.Object, doc.Namespace).Objects;
            Store.Put(AsApiServerWould(WithTrace(decoded, outcome)));
            _applied[key] = new Applied(doc.Object, outcome.Object, doc);
        }

        foreach (var (key, known) in _applied.Where(a => !wanted.ContainsKey(a.Key)).OrderByDescending(a => KindOrder(a.Value.Document.Kind)).ToArray())
        {
            var outcome = Admission.Admit(known.Document, AdmissionOperation.Delete, known.Stored);
            writes.Add(new LabWrite(known.Document, AdmissionOperation.Delete, outcome.Decision));
            if (outcome.Decision.Allowed)
            {
                Store.Remove(known.Document.Kind, known.Document.Namespace, known.Document.Name);
                _applied.Remove(key);
            }
        }

        return writes;
    }

    /// <summary>
    /// Runs allocator passes until one writes nothing, then waits until every simulated node has applied every plan
    /// and its reports have reached the allocator. Throws <see cref="TimeoutException"/> naming what is behind.
    /// </summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.Timeout);
        for (var pass = 0; ; pass++)
        {
            var version = Store.Version;
            await Reconciler.ReconcileAsync(Store.Snapshot, timeout.Token).ConfigureAwait(false);
            if (Store.Version == version && !Reconciler.HasFailures)
            {
                break;
            }

            if (pass == 100)
            {
                throw new TimeoutException("the allocator did not reach a fixed point in 100 passes");
            }
        }

        Recorder.KeepPools(Store.Snapshot.Pools.Select(p => p.Metadata.Name));
        try
        {
            while (Lagging() is not null)
            {
                await _changed.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"not settled after {Settings.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: {Lagging()}");
        }
    }

    /// <summary>What is not settled yet, or null when everything is.</summary>
    private string? Lagging()
    {
        var digest = Ledger.Digest();
        foreach (var node in _nodes)
        {
            if (node.Agent.AppliedDigest != digest)
            {
                return $"{node.Name} has applied {node.Agent.AppliedDigest.Count} plans ({node.Agent.AppliedDigest.Hash[..12]}), the allocator has {digest.Count} ({digest.Hash[..12]})";
            }

            if (node.Agent.Reported.FirstOrDefault(s => !Statuses.Has(s)) is { } missing)
            {
                return $"{node.Name}'s {missing.Protocol} report for {missing.ServiceKey} has not reached the allocator";
            }
        }

        return null;
    }

    /// <summary>
    /// What the API server does to a Service write: an apply keeps the status and the allocator's annotation (status is
    /// written only through its subresource) and the cluster IPs; a new Service without cluster IPs gets them from the
    /// lab's service ranges (10.96.128.0/17, fd00:96::/108), in the families its spec asks for.
    /// </summary>
    private ConfigSource AsApiServerWould(ConfigSource decoded)
    {
        if (decoded.Services.Count == 0)
        {
            return decoded;
        }

        var stored = Store.Snapshot.Services.ToDictionary(s => s.Key, StringComparer.Ordinal);
        return decoded with
        {
            Services = [.. decoded.Services.Select(s =>
            {
                var key = $"{s.Metadata.Namespace ?? "default"}/{s.Metadata.Name}";
                if (!stored.TryGetValue(key, out var old))
                {
                    return s.ClusterIPs.Count > 0 || s.Type == "ExternalName" ? s : WithClusterIps(s);
                }

                var annotations = new Dictionary<string, string>(s.Metadata.Annotations, StringComparer.Ordinal);
                if (old.Metadata.Annotations.TryGetValue(ServiceAnnotations.IPAllocatedFromPool, out var pool))
                {
                    annotations.TryAdd(ServiceAnnotations.IPAllocatedFromPool, pool);
                }

                return s with
                {
                    IngressIPs = old.IngressIPs,
                    ClusterIPs = s.ClusterIPs.Count > 0 ? s.ClusterIPs : old.ClusterIPs,
                    IpFamilies = s.IpFamilies.Count > 0 ? s.IpFamilies : old.IpFamilies,
                    Metadata = s.Metadata with { Annotations = annotations },
                };
            })],
        };
    }

    private ServiceInfo WithClusterIps(ServiceInfo service)
    {
        var n = ++_clusterIps;
        var families = service.IpFamilies.Count > 0 ? service.IpFamilies
            : service.IpFamilyPolicy is "RequireDualStack" or "PreferDualStack" ? ["IPv4", "IPv6"]
            : ["IPv4"];
        var ips = families.Select(f => f == "IPv6"
            ? $"fd00:96::{n:x}"
            : $"10.96.{128 + (n >> 8 & 127)}.{n & 255}").ToArray();
        return service with { ClusterIPs = ips, IpFamilies = families };
    }

    private static ConfigSource WithTrace(ConfigSource decoded, LabAdmission.Outcome outcome)
    {
        if (outcome.Trace == default || decoded.Services.Count == 0)
        {
            return decoded;
        }

        var traceparent = TraceParent.Format(outcome.Trace);
        return decoded with
        {
            Services = [.. decoded.Services.Select(s => s with
            {
                Metadata = s.Metadata with
                {
                    Annotations = new Dictionary<string, string>(s.Metadata.Annotations, StringComparer.Ordinal)
                    {
                        [AllocatorTelemetry.TraceParentAnnotation] = traceparent,
                    },
                },
            })],
        };
    }

    private string Key(ManifestObject doc) => $"{doc.Kind}/{doc.Namespace ?? DefaultNamespaceOf(doc.Kind)}/{doc.Name}";

    private string DefaultNamespaceOf(string kind) => KindOrder(kind) switch
    {
        >= 1 and <= 4 => Settings.Namespace,
        6 or 7 => "default",
        _ => "",
    };

    /// <summary>Dependency order, as Helm installs kinds: what others refer to first.</summary>
    private static int KindOrder(string kind) => kind switch
    {
        NamespaceInfo.KindName => 0,
        BfdProfile.KindName or Community.KindName => 1,
        IpAddressPool.KindName => 2,
        BgpPeer.KindName => 3,
        L2Advertisement.KindName or BgpAdvertisement.KindName => 4,
        NodeInfo.KindName => 5,
        EndpointSliceInfo.KindName => 6,
        ServiceInfo.KindName => 7,
        _ => 8,
    };

    private static IHost BuildHost(LabSettings settings, List<SimulatedNode> nodes, LabObjectStore store)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter(null, settings.Verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Configuration.AddInMemoryCollection(BrokerSettings(settings.Broker));
        builder.AddMetalLbDefaults("metallb-svc-lab");
        var allocatorOptions = new AllocatorOptions
        {
            Namespace = settings.Namespace,
            BgpMode = settings.BgpMode,
            LoadBalancerClass = settings.LoadBalancerClass,
            LeaderElection = false,
        };
        builder.Services.AddSingleton(allocatorOptions);
        builder.Services.AddSingleton<PlanLedger>();
        builder.Services.AddSingleton<ILeadership, LabLeadership>();
        builder.Services.AddSingleton<AnnouncementStatusBook>();
        builder.Services.AddSingleton<LabRecorder>();
        builder.Services.AddSingleton<IAnnouncementStatusWriter>(sp => sp.GetRequiredService<LabRecorder>());
        builder.Services.AddSingleton<IServiceEventRecorder>(sp => sp.GetRequiredService<LabRecorder>());
        builder.Services.AddSingleton<IClusterSnapshot>(store);

        // One run's queues never meet another's on a shared broker: names carry a run id and go when the run ends.
        var run = Guid.NewGuid().ToString("N")[..8];
        builder.AddMetalLbBus(
            x =>
            {
                x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter($"lab-{run}", false));
                x.AddConsumer<RequestAnnouncementSnapshotConsumer>().Endpoint(e => e.Temporary = true);
                x.AddConsumer<AnnouncementStatusConsumer>().Endpoint(e => e.Temporary = true);
                x.AddConsumer<AddressConflictConsumer>().Endpoint(e => e.Temporary = true);
            },
            (_, cfg) =>
            {
                foreach (var node in nodes)
                {
                    cfg.ReceiveEndpoint($"lab-{run}-announcer-{node.Name}", e =>
                    {
                        e.Consumer(() => new AnnouncerConsumer(node.Agent));
                        if (e is IRabbitMqReceiveEndpointConfigurator rabbit)
                        {
                            rabbit.AutoDelete = true;
                            rabbit.Durable = false;
                        }
                    });
                }
            });
        return builder.Build();
    }

    /// <summary><c>amqp[s]://user:password@host:port/vhost</c> → the <c>Bus:RabbitMq</c> settings.</summary>
    public static Dictionary<string, string?> BrokerSettings(Uri? broker)
    {
        var settings = new Dictionary<string, string?>();
        if (broker is null)
        {
            return settings;
        }

        var tls = broker.Scheme == "amqps";
        if (!tls && broker.Scheme != "amqp")
        {
            throw new ArgumentException($"\"{broker}\": the scheme must be amqp or amqps", nameof(broker));
        }

        var section = RabbitMqOptions.SectionName;
        settings[$"{section}:Host"] = broker.Host;
        settings[$"{section}:Port"] = (broker.IsDefaultPort || broker.Port < 0 ? (tls ? 5671 : 5672) : broker.Port).ToString(CultureInfo.InvariantCulture);
        settings[$"{section}:UseTls"] = tls ? "true" : "false";
        var vhost = Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/'));
        settings[$"{section}:VirtualHost"] = vhost.Length == 0 ? "/" : vhost;
        if (broker.UserInfo.Length > 0)
        {
            var colon = broker.UserInfo.IndexOf(':', StringComparison.Ordinal);
            settings[$"{section}:Username"] = Uri.UnescapeDataString(colon < 0 ? broker.UserInfo : broker.UserInfo[..colon]);
            if (colon >= 0)
            {
                settings[$"{section}:Password"] = Uri.UnescapeDataString(broker.UserInfo[(colon + 1)..]);
            }
        }

        return settings;
    }

    private sealed record Applied(JsonObject Written, JsonObject Stored, ManifestObject Document);
}
