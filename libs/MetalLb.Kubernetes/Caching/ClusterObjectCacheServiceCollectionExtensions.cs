using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace MetalLb.Kubernetes.Caching;

/// <summary>Registers the <see cref="ClusterObjectCache"/>.</summary>
public static class ClusterObjectCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ClusterObjectCache"/> as a singleton that also runs as a hosted service, and its options.
    /// The caller registers the <see cref="IKubernetes"/> client. A second call changes nothing.
    /// </summary>
    public static IServiceCollection AddClusterObjectCache(
        this IServiceCollection services, Action<ClusterObjectCacheOptions>? configure = null)
    {
        var options = new ClusterObjectCacheOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new ClusterObjectCache(
            sp.GetRequiredService<IKubernetes>(),
            sp.GetRequiredService<ClusterObjectCacheOptions>(),
            sp.GetService<ILogger<ClusterObjectCache>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ClusterObjectCache>());
        return services;
    }
}
