using System.Diagnostics;
using k8s;
using MetalLb.Domain.Validation;
using MetalLb.Hosting.Telemetry;
using MetalLb.Kubernetes.Caching;
using MetalLb.Webhook.Admission;
using MetalLb.Webhook.Conversion;
using MetalLb.Webhook.Health;
using MetalLb.Webhook.Metrics;
using MetalLb.Webhook.Store;
using MetalLb.Webhook.Webhooks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MetalLb.Webhook;

/// <summary>Composition of the admission webhook: its services, and its endpoints.</summary>
public static class AdmissionExtensions
{
    public const string ServicePath = "/validate-v1-service";
    public const string ServiceMutationPath = "/mutate-v1-service";
    public const string NamespaceValidationPath = "/validate-v1-namespace";
    public const string NamespaceMutationPath = "/mutate-v1-namespace";
    public const string PoolMutationPath = "/mutate-metallb-io-v1beta1-ipaddresspool";
    public const string ConversionPath = "/convert";
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    /// <summary>
    /// Registers the webhooks, their options and the object store: the manifest directory when <c>Webhook:Manifests</c>
    /// is set (the embedded default), else the API server's objects through a list/watch cache.
    /// </summary>
    public static IHostApplicationBuilder AddAdmission(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHostedService(sp =>
        {
            // The instruments exist from the start, before the first request.
            sp.GetRequiredService<WebhookMetrics>();
            return ActivatorUtilities.CreateInstance<ObjectStoreStartupCheck>(sp);
        });
        if (!string.IsNullOrEmpty(builder.Configuration[$"{WebhookOptions.SectionName}:{nameof(WebhookOptions.Manifests)}"]))
        {
            services.AddSingleton<ManifestObjectStore>();
            services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<ManifestObjectStore>());
            services.AddHostedService(sp => sp.GetRequiredService<ManifestObjectStore>());
        }
        else
        {
            // In a cluster: an informer-style cache of the metallb.io objects in our namespace and of the cluster's
            // Namespaces, Nodes and Services. Tests may register their own IKubernetes or IObjectStore first.
            var ns = builder.Configuration[$"{WebhookOptions.SectionName}:{nameof(WebhookOptions.Namespace)}"];
            services.TryAddSingleton<IKubernetes>(_ => KubernetesClientFactory.Create(ObjectStoreStartupCheck.Missing));
            services.TryAddSingleton(new ClusterObjectCacheOptions { Namespace = string.IsNullOrEmpty(ns) ? ValidationOptions.DefaultNamespace : ns });
            services.TryAddSingleton(sp => new ClusterObjectCache(
                sp.GetRequiredService<IKubernetes>(),
                sp.GetRequiredService<ClusterObjectCacheOptions>(),
                sp.GetService<ILogger<ClusterObjectCache>>()));
            services.AddHostedService<ClusterObjectStoreRunner>();
            services.TryAddSingleton<IObjectStore, ClusterObjectStoreAdapter>();
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ValidationCache>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<AdmissionEndpoint>();
        services.AddSingleton<ConversionEndpoint>();
        services.AddSingleton<MetalLbObjectWebhook>();
        services.AddSingleton<ServiceWebhook>();
        services.AddSingleton<ServiceTraceWebhook>();
        services.AddSingleton<NamespaceValidationWebhook>();
        services.AddSingleton<NamespaceMutationWebhook>();
        services.AddSingleton<IpAddressPoolMutationWebhook>();
        services.AddHealthChecks().AddCheck<ReadinessCheck>("admission", tags: [ReadinessCheck.Tag]);
        builder.AddMetalLbPrometheus();
        return builder;
    }

    /// <summary>Maps every admission path, <c>/convert</c>, <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapAdmission(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Admission and conversion only over TLS: the plain metrics port (Webhook:MetricsPort) answers them 404.
        var admission = endpoints.MapGroup(string.Empty).AddEndpointFilter(MetricsPortFilter.InvokeAsync);
        foreach (var (path, kind) in MetalLbObjectWebhook.Paths)
        {
            admission.MapPost(path, (HttpContext http, AdmissionEndpoint endpoint, MetalLbObjectWebhook webhook) =>
                endpoint.HandleAsync(http, request => webhook.Review(request, kind)));
        }

        // The mutation stamps its own admission span (the current one while it runs) on the Service; the validation,
        // which the API server calls after every mutation, joins the trace that stamp started.
        admission.MapPost(ServiceMutationPath, (HttpContext http, AdmissionEndpoint endpoint, ServiceTraceWebhook webhook) =>
            endpoint.HandleAsync(http, request => webhook.Review(request, Activity.Current?.Context ?? default)));
        admission.MapPost(ServicePath, (HttpContext http, AdmissionEndpoint endpoint, ServiceWebhook webhook) =>
            endpoint.HandleAsync(http, webhook.Review, ServiceTraceWebhook.ParentOf));
        admission.MapPost(NamespaceValidationPath, (HttpContext http, AdmissionEndpoint endpoint, NamespaceValidationWebhook webhook) =>
            endpoint.HandleAsync(http, webhook.Review));
        admission.MapPost(NamespaceMutationPath, (HttpContext http, AdmissionEndpoint endpoint, NamespaceMutationWebhook webhook) =>
            endpoint.HandleAsync(http, webhook.Review));
        admission.MapPost(PoolMutationPath, (HttpContext http, AdmissionEndpoint endpoint, IpAddressPoolMutationWebhook webhook) =>
            endpoint.HandleAsync(http, webhook.Review));
        admission.MapPost(ConversionPath, (HttpContext http, ConversionEndpoint endpoint) => endpoint.HandleAsync(http));
        endpoints.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        endpoints.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ReadinessCheck.Tag),
            ResponseWriter = HealthResponse.WriteAsync,
        });
        endpoints.MapMetalLbMetrics();
        return endpoints;
    }
}
