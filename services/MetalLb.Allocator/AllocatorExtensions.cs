using k8s;
using MetalLb.Allocator.Adapters;
using MetalLb.Allocator.Bus;
using MetalLb.Allocator.Health;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Hosting.Bus;
using MetalLb.Kubernetes.Caching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MetalLb.Allocator;

/// <summary>The allocator's composition: options, the object cache, the reconciler, its adapters and health.</summary>
public static class AllocatorExtensions
{
    /// <summary>
    /// Registers the allocator and its message bus (RabbitMQ when <c>Bus:RabbitMq:Host</c> is set, in memory otherwise).
    /// An <see cref="IKubernetes"/> or <see cref="IPlanPublisher"/> registered before this call is kept (tests);
    /// otherwise the client comes from kubeconfig or the service account and plans go out on the bus.
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
        });

        services.TryAddSingleton<IServiceStatusWriter, KubernetesServiceStatusWriter>();
        services.TryAddSingleton<IServiceEventRecorder, KubernetesServiceEventRecorder>();
        services.TryAddSingleton<IConfigurationStateWriter, KubernetesConfigurationStateWriter>();
        services.TryAddSingleton<IPoolStatusWriter, KubernetesPoolStatusWriter>();
        services.TryAddSingleton<PlanLedger>();
        services.TryAddSingleton<BusPlanPublisher>();
        services.TryAddSingleton<IPlanPublisher>(sp => sp.GetRequiredService<BusPlanPublisher>());
        services.TryAddSingleton<AllocatorReconciler>();
        services.TryAddSingleton<AllocatorWorker>();
        services.TryAddSingleton<ILeadership>(sp => sp.GetRequiredService<AllocatorWorker>());
        services.TryAddSingleton<PlanDigestPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<AllocatorWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<PlanDigestPublisher>());
        builder.AddMetalLbBus(x => x.AddConsumer<RequestAnnouncementSnapshotConsumer>());
        services.AddHealthChecks().AddCheck<AllocatorHealthCheck>("allocator");
        return builder;
    }

    /// <summary>Maps <c>/healthz</c> (liveness) and <c>/readyz</c> (cache synced).</summary>
    public static IEndpointRouteBuilder MapAllocatorHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz");
        return endpoints;
    }
}
