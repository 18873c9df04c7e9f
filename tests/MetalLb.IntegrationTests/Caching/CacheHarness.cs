using System.Text.Json;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Caching;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Caching;

/// <summary>
/// A <see cref="ClusterObjectCache"/> running against a real API server with the metallb.io CRDs, plus the kubectl
/// calls the cache tests make: applying and deleting pools, and reading the server's pools to compare with the cache.
/// </summary>
internal sealed class CacheHarness : IAsyncDisposable
{
    public const string Ns = "metallb-system";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly KubeApiServerFixture _api;

    private CacheHarness(KubeApiServerFixture api, ClusterObjectCache cache, RecordingLogger logger)
    {
        _api = api;
        Cache = cache;
        Logger = logger;
    }

    public ClusterObjectCache Cache { get; }

    public RecordingLogger Logger { get; }

    /// <summary>
    /// Applies the CRDs, creates the MetalLB namespace, starts a cache (its options changed by <paramref name="configure"/>)
    /// and waits until it has synced.
    /// </summary>
    public static async Task<CacheHarness> StartAsync(KubeApiServerFixture api, Action<ClusterObjectCacheOptions>? configure = null)
    {
        await api.ApplyCrdsAsync();
        var ns = await api.RunKubectlAsync("create", "namespace", Ns);
        Assert.True(ns.Succeeded || ns.StandardError.Contains("AlreadyExists", StringComparison.Ordinal), ns.ToString());
        var logger = new RecordingLogger();
        var options = new ClusterObjectCacheOptions { Namespace = Ns };
        configure?.Invoke(options);
        var cache = new ClusterObjectCache(api.Client, options, logger);
        var harness = new CacheHarness(api, cache, logger);
        await cache.StartAsync(CancellationToken.None);
        await cache.WaitForSyncAsync().WaitAsync(Deadline);
        return harness;
    }

    /// <summary>The pools the cache holds, as <see cref="DescribePool"/> strings, sorted.</summary>
    public IReadOnlyList<string> CachedPools() => Describe(Cache.Snapshot);

    /// <summary>Completes when the cache's snapshot satisfies <paramref name="predicate"/>; awaits <see cref="ClusterObjectCache.Changed"/>.</summary>
    public async Task WaitForAsync(Func<ConfigSource, bool> predicate, string what)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (predicate(Cache.Snapshot))
            {
                seen.TrySetResult();
            }
        }

        Cache.Changed += Check;
        try
        {
            Check();
            await seen.Task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"the cache never showed {what}; it holds [{string.Join("; ", CachedPools())}]\n"
                + string.Join('\n', Logger.Entries.Select(e => $"{e.Id.Id} {e.Message}")));
        }
        finally
        {
            Cache.Changed -= Check;
        }
    }

    /// <summary>Completes when the cache holds exactly the pools the server holds (names and specs).</summary>
    public async Task WaitForServerStateAsync()
    {
        var server = await ServerPoolsAsync();
        await WaitForAsync(s => Describe(s).SequenceEqual(server), $"the server's pools [{string.Join("; ", server)}]");
    }

    /// <summary>Creates or updates a pool through kubectl apply.</summary>
    public async Task ApplyPoolAsync(string name, string addresses, bool autoAssign = true)
    {
        var file = Path.Combine(_api.Directory, $"pool-{name}.json");
        await File.WriteAllTextAsync(file, $$$"""
            {"apiVersion": "metallb.io/v1beta1", "kind": "IPAddressPool",
             "metadata": {"name": "{{{name}}}", "namespace": "{{{Ns}}}"},
             "spec": {"addresses": ["{{{addresses}}}"], "autoAssign": {{{(autoAssign ? "true" : "false")}}}}}
            """);
        await KubectlAsync("apply", "--validate=false", "-f", file);
    }

    public Task DeletePoolAsync(string name) =>
        KubectlAsync(["delete", "ipaddresspools.metallb.io", "-n", Ns, name, "--wait=false"]);

    public async Task KubectlAsync(params string[] args)
    {
        var result = await _api.RunKubectlAsync(args);
        Assert.True(result.Succeeded, $"kubectl {string.Join(' ', args)}: {result}");
    }

    /// <summary>The server's pools (kubectl get -o json), as <see cref="DescribePool"/> strings, sorted.</summary>
    public async Task<IReadOnlyList<string>> ServerPoolsAsync()
    {
        var result = await _api.RunKubectlAsync("get", "ipaddresspools.metallb.io", "-n", Ns, "-o", "json");
        Assert.True(result.Succeeded, result.ToString());
        using var list = JsonDocument.Parse(result.StandardOutput);
        return [.. list.RootElement.GetProperty("items").EnumerateArray()
            .Select(item =>
            {
                var spec = item.GetProperty("spec");
                var addresses = spec.GetProperty("addresses").EnumerateArray().Select(a => a.GetString() ?? "");
                bool? autoAssign = spec.TryGetProperty("autoAssign", out var flag) ? flag.GetBoolean() : null;
                return DescribePool(item.GetProperty("metadata").GetProperty("name").GetString() ?? "", addresses, autoAssign);
            })
            .Order(StringComparer.Ordinal)];
    }

    public async ValueTask DisposeAsync()
    {
        await Cache.StopAsync(CancellationToken.None);
        Cache.Dispose();
    }

    private static IReadOnlyList<string> Describe(ConfigSource source) =>
        [.. source.Pools
            .Select(p => DescribePool(p.Metadata.Name, p.Spec.Addresses ?? [], p.Spec.AutoAssign))
            .Order(StringComparer.Ordinal)];

    private static string DescribePool(string name, IEnumerable<string> addresses, bool? autoAssign) =>
        $"{name} [{string.Join(",", addresses)}] autoAssign={autoAssign?.ToString() ?? "unset"}";
}
