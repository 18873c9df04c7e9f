using k8s;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Certificates;

/// <summary>Registers the webhook's TLS certificate handling and wires it into Kestrel.</summary>
public static class CertificateExtensions
{
    /// <summary>
    /// Adds <see cref="CertificateOptions"/> (section <c>Webhook:Tls</c>), the <see cref="ICertificateProvider"/> and the
    /// background work of the configured mode. The mode is read again from the options at start, so settings a test
    /// host adds late still apply.
    /// </summary>
    public static IServiceCollection AddWebhookCertificates(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CertificateOptions>, CertificateOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CertificateState>();
        services.TryAddSingleton<ICertificateProvider>(sp => sp.GetRequiredService<CertificateState>());
        services.TryAddSingleton<ServerCertificateSelector>();

        services.TryAddSingleton<SelfCertificateManager>();
        services.TryAddSingleton(StoreFor);
        services.TryAddSingleton(PublisherFor);
        services.TryAddSingleton<ExternalCertificateLoader>();
        services.AddHostedService<SelfCertificateService>();
        services.AddHostedService<ExternalCertificateService>();

        // A client only when Self mode keeps its material in the cluster; tests and other parts of the webhook may
        // register their own IKubernetes, which then wins. Built lazily, on first use.
        var section = configuration.GetSection(CertificateOptions.SectionName);
        var mode = section[nameof(CertificateOptions.Mode)];
        var selfMode = string.IsNullOrEmpty(mode) || string.Equals(mode, nameof(CertificateMode.Self), StringComparison.OrdinalIgnoreCase);
        if (selfMode && string.IsNullOrWhiteSpace(section[nameof(CertificateOptions.CertDir)]))
        {
            services.TryAddSingleton<IKubernetes>(_ => KubernetesClientFactory.Create(
                $"{CertificateOptions.SectionName}:Mode is Self without CertDir, which keeps the certificate in a Secret; " +
                "set Webhook:Tls:CertDir, or Mode External or Disabled, or give the webhook a cluster"));
        }

        return services;
    }

    /// <summary>
    /// Serves every HTTPS endpoint (from <c>--urls</c>, <c>ASPNETCORE_URLS</c> or <c>Kestrel:Endpoints</c>) with the
    /// provider's current certificate, TLS 1.2 or 1.3 as configured (1.3 negotiated when the client can). In Disabled
    /// mode nothing changes: endpoints are plain HTTP.
    /// </summary>
    public static void UseWebhookCertificates(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<CertificateOptions>>().Value;
            kestrel.ConfigureEndpointDefaults(endpoint =>
                endpoint.Protocols = options.EnableHttp2 ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1);
            if (options.Mode == CertificateMode.Disabled)
            {
                return;
            }

            var protocols = TlsVersions.ToSslProtocols(options.MinTlsVersion);
            kestrel.ConfigureHttpsDefaults(https =>
            {
                var selector = kestrel.ApplicationServices.GetRequiredService<ServerCertificateSelector>();
                https.SslProtocols = protocols;
                https.ServerCertificateSelector = (_, _) => selector.Select();
            });
        });
    }

    private static ICertificateStore StoreFor(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CertificateOptions>>();
        return options.Value.UsesCluster
            ? new KubernetesSecretCertificateStore(RequireClient(services), options)
            : new FileCertificateStore(options.Value.CertDir ?? string.Empty);
    }

    private static ICaBundlePublisher PublisherFor(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CertificateOptions>>();
        return options.Value.UsesCluster
            ? ActivatorUtilities.CreateInstance<KubernetesCaBundlePublisher>(services, RequireClient(services))
            : ActivatorUtilities.CreateInstance<NoOpCaBundlePublisher>(services, options.Value.CertDir ?? string.Empty);
    }

    private static IKubernetes RequireClient(IServiceProvider services) =>
        services.GetService<IKubernetes>()
        ?? throw new InvalidOperationException(
            $"{CertificateOptions.SectionName}:Mode is Self without CertDir, which needs a Kubernetes API server, but no IKubernetes is registered");
}
