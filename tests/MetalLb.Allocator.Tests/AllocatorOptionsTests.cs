using MetalLb.Allocator.Reconciliation;
using MetalLb.Kubernetes.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MetalLb.Allocator.Tests;

public sealed class AllocatorOptionsTests
{
    [Fact]
    public void AddAllocator_BindsTheAllocatorSection()
    {
        using var host = Build(new() { ["Allocator:Namespace"] = "lb", ["Allocator:LoadBalancerClass"] = "ours" });

        var options = host.Services.GetRequiredService<AllocatorOptions>();

        Assert.Equal("lb", options.Namespace);
        Assert.Equal("ours", options.LoadBalancerClass);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public void AddAllocator_LegacyConfigMap_IsCachedUnlessTurnedOff(string? setting, bool cached)
    {
        using var host = Build(setting is null ? [] : new() { ["Allocator:LegacyConfigMap"] = setting });

        Assert.Equal(cached, host.Services.GetRequiredService<ClusterObjectCacheOptions>().IncludeLegacyConfigMap);
        Assert.Equal(cached, host.Services.GetRequiredService<AllocatorOptions>().LegacyConfigMap);
    }

    [Fact]
    public void AddAllocator_LeaseTimingsOutOfOrder_FailsWithTheSectionName()
    {
        using var host = Build(new() { ["Allocator:RenewDeadline"] = "00:00:30", ["Allocator:LeaseDuration"] = "00:00:15" });

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AllocatorOptions>>().Value);

        Assert.Contains("Allocator", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAllocator_KeepsAPlanPublisherRegisteredBefore()
    {
        var publisher = new Fakes.RecordingPlanPublisher();

        using var host = Build([], services => services.AddSingleton<IPlanPublisher>(publisher));

        Assert.Same(publisher, host.Services.GetRequiredService<IPlanPublisher>());
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        before?.Invoke(builder.Services);
        builder.AddAllocator();
        return builder.Build();
    }
}
