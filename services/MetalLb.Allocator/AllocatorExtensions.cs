using k8s;
using MetalLb.Allocator.Adapters;
using MetalLb.Allocator.Health;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Kubernetes.Caching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MetalLb.Allocator;

/// <summary>The allocator's composition: options, the object cache, the reconciler, its adapters and health.</summary>
public static class AllocatorExtensions
{
    /// <summary>
    /// Registers the allocator. An <see cref="IKubernetes"/> or <see cref="IPlanPublisher"/> registered before this call
    /// is kept (tests, the bus); otherwise the client comes from kubeconfig or the service account and plans are logged.
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
        services.TryAddSingleton<IPlanPublisher, LoggingPlanPublisher>();
        services.TryAddSingleton<AllocatorReconciler>();
        services.TryAddSingleton<AllocatorWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AllocatorWorker>());
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
