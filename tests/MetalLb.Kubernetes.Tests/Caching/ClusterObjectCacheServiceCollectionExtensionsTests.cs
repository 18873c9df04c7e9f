using k8s;
using MetalLb.Kubernetes.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.Kubernetes.Tests.Caching;

public class ClusterObjectCacheServiceCollectionExtensionsTests
{
    [Fact]
    public void AddClusterObjectCache_RegistersOneSingletonThatIsAlsoTheHostedService()
    {
        var services = new ServiceCollection();
        services.AddSingleton(ClusterObjectCacheTests.UnreachableClient());

        services.AddClusterObjectCache(o => o.Namespace = "lb");
        services.AddClusterObjectCache();
        using var provider = new DescriptorProvider(services);

        var cache = provider.GetRequiredService<ClusterObjectCache>();
        Assert.Same(cache, provider.GetRequiredService<IHostedService>());
        Assert.Equal("lb", provider.GetRequiredService<ClusterObjectCacheOptions>().Namespace);
        Assert.Single(services, d => d.ServiceType == typeof(ClusterObjectCache) && d.Lifetime == ServiceLifetime.Singleton);
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }

    /// <summary>Enough of a container for singletons registered by instance or factory.</summary>
    private sealed class DescriptorProvider(IServiceCollection services) : IServiceProvider, IDisposable
    {
        private readonly Dictionary<Type, object> _built = [];

        public object? GetService(Type serviceType)
        {
            if (_built.TryGetValue(serviceType, out var built))
            {
                return built;
            }

            var descriptor = services.LastOrDefault(d => d.ServiceType == serviceType);
            var value = descriptor?.ImplementationInstance ?? descriptor?.ImplementationFactory?.Invoke(this);
            if (value is not null)
            {
                _built[serviceType] = value;
            }

            return value;
        }

        public void Dispose()
        {
            foreach (var value in _built.Values.OfType<IDisposable>().Where(v => v is not IKubernetes).Distinct())
            {
                value.Dispose();
            }
        }
    }
}
