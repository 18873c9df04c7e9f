using k8s;
using MetalLb.Allocator.Adapters;
using MetalLb.Allocator.Bus;
using MetalLb.Allocator.Health;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Hosting.Bgp;
using MetalLb.Hosting.Bus;
using MetalLb.Hosting.Telemetry;
using MetalLb.Kubernetes.Caching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MetalLb.Allocator;

/// <summary>The allocator's composition: options, the object cache, the reconciler, its adapters and health.</summary>
public static class AllocatorExtensions
{
    /// <summary>The default OpenTelemetry <c>service.name</c> (OTEL_SERVICE_NAME overrides it).</summary>
    public const string ServiceName = "metallb-svc-allocator";

    /// <summary>The allocator service as it runs: OpenTelemetry defaults, Prometheus and <see cref="AddAllocator"/>.</summary>
    public static IHostApplicationBuilder AddAllocatorService(this IHostApplicationBuilder builder)
    {
        builder.AddMetalLbDefaults(ServiceName);
        builder.AddMetalLbPrometheus();
        return builder.AddAllocator();
    }

    /// <summary>The allocator service's endpoints: health (<see cref="MapAllocatorHealth"/>) and <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapAllocatorService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAllocatorHealth();
        return endpoints.MapMetalLbMetrics();
    }

    /// <summary>
    /// Registers the allocator and its message bus (RabbitMQ when <c>Bus:RabbitMq:Host</c> is set, in memory otherwise).
    /// An <see cref="IKubernetes"/>, <see cref="IPlanPublisher"/> or <see cref="IPeerSetPublisher"/> registered before
    /// this call is kept (tests); otherwise the client comes from kubeconfig or the service account and plans and BGP
    /// peer sets go out on the bus. Secrets of the MetalLB namespace are watched for BGPPeer <c>passwordSecret</c>s.
    /// </summary>
    public static IHostApplicationBuilder AddAllocator(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AllocatorOptions>()
            .BindConfiguration(AllocatorOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => o.RetryPeriod < o.RenewDeadline && o.RenewDeadline < o.LeaseDuration,
                $"{AllocatorOptions.SectionName}: RetryPeriod < RenewDeadline < LeaseDuration must hold")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<AllocatorOptions>>().Value);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => KubernetesClientFactory.Create());

        var section = builder.Configuration.GetSection(AllocatorOptions.SectionName);
        services.AddClusterObjectCache(o =>
        {
            o.Namespace = section[nameof(AllocatorOptions.Namespace)] ?? o.Namespace;
            o.IncludeEndpointSlices = true;
            o.IncludeLegacyConfigMap = !bool.TryParse(section[nameof(AllocatorOptions.LegacyConfigMap)], out var legacy) || legacy;
            o.IncludeSecrets = true;
        });

        services.TryAddSingleton<IServiceStatusWriter, KubernetesServiceStatusWriter>();
        services.TryAddSingleton<IServiceEventRecorder, KubernetesServiceEventRecorder>();
        services.TryAddSingleton<IConfigurationStateWriter, KubernetesConfigurationStateWriter>();
        services.TryAddSingleton<IPoolStatusWriter, KubernetesPoolStatusWriter>();
        services.TryAddSingleton<PlanLedger>();
        services.TryAddSingleton<BusPlanPublisher>();
        services.TryAddSingleton<IPlanPublisher>(sp => sp.GetRequiredService<BusPlanPublisher>());
        services.TryAddSingleton<AllocatorReconciler>();
        services.AddMetrics();
        services.TryAddSingleton<AllocatorMetrics>();
        services.TryAddSingleton<AllocatorWorker>();
        services.TryAddSingleton<ILeadership>(sp => sp.GetRequiredService<AllocatorWorker>());
        services.TryAddSingleton<PeerSetLedger>();
        services.TryAddSingleton<BusPeerSetPublisher>();
        services.TryAddSingleton<IPeerSetPublisher>(sp => sp.GetRequiredService<BusPeerSetPublisher>());
        services.AddBgpPasswordKey();
        services.AddSingleton<IPasswordKeyListener, PeerSetKeyListener>();
        services.TryAddSingleton<PlanDigestPublisher>();
        services.AddHostedService(sp =>
        {
            // The instruments exist from the start, before the first pass reports anything.
            sp.GetRequiredService<AllocatorMetrics>();
            return sp.GetRequiredService<AllocatorWorker>();
        });
        services.AddHostedService(sp => sp.GetRequiredService<PlanDigestPublisher>());
        services.TryAddSingleton<AnnouncementStatusBook>();
        services.TryAddSingleton<IClusterSnapshot, CacheClusterSnapshot>();
        services.TryAddSingleton<IAnnouncementStatusWriter, KubernetesAnnouncementStatusWriter>();

        // Every replica gets every snapshot request and status report on a queue of its own; only the leader acts
        // on them. On one shared queue a follower would take (and drop) half of them.
        var instance = Guid.NewGuid().ToString("N")[..12];
        builder.AddMetalLbBus(x =>
        {
            x.AddConsumer<RequestAnnouncementSnapshotConsumer>().Endpoint(e => PerReplica(e, instance));
            x.AddConsumer<AnnouncementStatusConsumer>().Endpoint(e => PerReplica(e, instance));
            x.AddConsumer<AddressConflictConsumer>().Endpoint(e => PerReplica(e, instance));
        });
        services.AddHealthChecks().AddCheck<AllocatorHealthCheck>("allocator");
        return builder;
    }

    private static void PerReplica(MassTransit.IEndpointRegistrationConfigurator endpoint, string instance)
    {
        endpoint.InstanceId = instance;
        endpoint.Temporary = true;
    }

    /// <summary>Maps <c>/healthz</c> (liveness) and <c>/readyz</c> (cache synced).</summary>
    public static IEndpointRouteBuilder MapAllocatorHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz");
        return endpoints;
    }
}
