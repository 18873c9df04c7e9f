using System.Text.Json.Nodes;
using k8s;
using MetalLb.Allocator;
using MetalLb.Allocator.Reconciliation;
using MetalLb.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetalLb.IntegrationTests.Allocator;

/// <summary>
/// A fresh kube-apiserver with the CRDs and the MetalLB namespace, and allocator hosts started against it as a
/// deployment would run them (cache, reconciler, Lease election), with plans recorded instead of sent.
/// </summary>
public sealed class AllocatorCluster : IAsyncDisposable
{
    public const string MetalLbNamespace = "metallb-system";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly KubeApiServerFixture _api = new();
    private readonly List<IHost> _hosts = [];

    public KubeApiServerFixture Api => _api;

    public IKubernetes Client => _api.Client;

    public static async Task<AllocatorCluster> StartAsync()
    {
        var cluster = new AllocatorCluster();
        await cluster._api.InitializeAsync();
        if (cluster._api.SkipReason is not null)
        {
            throw new InvalidOperationException(cluster._api.SkipReason);
        }

        await cluster._api.ApplyCrdsAsync();
        await cluster.ApplyAsync(AllocatorYaml.MetalLbNamespace);
        return cluster;
    }

    /// <summary>
    /// Starts one allocator replica; its recorder sees every plan it publishes. <paramref name="configure"/> adds
    /// settings or services before the allocator is registered.
    /// </summary>
    public async Task<(IHost Host, RecordingPlanPublisher Plans)> StartAllocatorAsync(string identity, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Allocator:Identity"] = identity,
            ["Allocator:LeaseDuration"] = "00:00:04",
            ["Allocator:RenewDeadline"] = "00:00:03",
            ["Allocator:RetryPeriod"] = "00:00:00.500",
        });
        var plans = new RecordingPlanPublisher();
        builder.Services.AddSingleton<IKubernetes>(_api.Client);
        builder.Services.AddSingleton<IPlanPublisher>(plans);
        configure?.Invoke(builder);
        builder.AddAllocator();
        var host = builder.Build();
        _hosts.Add(host);
        await host.StartAsync();
        return (host, plans);
    }

    public async Task StopAsync(IHost host)
    {
        _hosts.Remove(host);
        await host.StopAsync();
        host.Dispose();
    }

    public async Task ApplyAsync(string yaml)
    {
        var file = Path.Combine(_api.Directory, $"apply-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        await KubectlAsync("apply", "--validate=false", "-f", file);
    }

    public async Task<string> KubectlAsync(params string[] args)
    {
        var result = await _api.RunKubectlAsync(args);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed: {result}");
        }

        return result.StandardOutput;
    }

    public async Task<JsonNode> GetJsonAsync(params string[] args) =>
        JsonNode.Parse(await KubectlAsync([.. args, "-o", "json"]))!;

    /// <summary>The IPs in a Service's <c>status.loadBalancer.ingress</c>.</summary>
    public async Task<IReadOnlyList<string>> IngressAsync(string name, string ns = "default")
    {
        var service = await Client.CoreV1.ReadNamespacedServiceAsync(name, ns);
        return [.. (service.Status?.LoadBalancer?.Ingress ?? []).Select(i => i.Ip)];
    }

    public async Task<string?> PoolAnnotationAsync(string name, string ns = "default")
    {
        var service = await Client.CoreV1.ReadNamespacedServiceAsync(name, ns);
        return service.Metadata.Annotations?.TryGetValue("metallb.io/ip-allocated-from-pool", out var pool) == true ? pool : null;
    }

    /// <summary>Polls a condition written by the allocator's own loop, with a deadline.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            try
            {
                await host.StopAsync();
            }
            catch (ObjectDisposedException)
            {
            }

            host.Dispose();
        }

        await _api.DisposeAsync();
    }
}
