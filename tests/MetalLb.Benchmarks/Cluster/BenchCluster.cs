using k8s;
using MetalLb.TestSupport;

namespace MetalLb.Benchmarks.Cluster;

/// <summary>
/// A fresh kube-apiserver 1.20 with etcd (the TestSupport fixture, so tests/support/kube-apiserver.sh), its Service
/// ClusterIP and NodePort ranges widened for thousands of LoadBalancer Services, with the CRDs, the MetalLB namespace,
/// one IPAddressPool with its L2Advertisement, and a few Nodes. Disposing stops both servers and deletes their files.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    /// <summary>Room for 65,533 ClusterIPs, far from the pool and the apiserver's advertise address.</summary>
    private const string ServiceCidr = "10.96.0.0/16";

    /// <summary>12,768 NodePorts: every LoadBalancer Service with one port takes one.</summary>
    private const string NodePortRange = "20000-32767";

    private readonly KubeApiServerFixture _api = new();

    private BenchCluster()
    {
    }

    /// <summary>The most LoadBalancer Services this cluster can hold at once (NodePorts run out first).</summary>
    public static int MaxServices => 12_000;

    public KubeApiServerFixture Api => _api;

    /// <summary>The admin client of the benchmark itself (not the allocator's).</summary>
    public k8s.Kubernetes Client => _api.Client;

    public static async Task<BenchCluster> StartAsync(string pool, int nodes, CancellationToken cancellationToken)
    {
        Environment.SetEnvironmentVariable("KUBE_APISERVER_SERVICE_CIDR", ServiceCidr);
        Environment.SetEnvironmentVariable("KUBE_APISERVER_NODE_PORT_RANGE", NodePortRange);
        var cluster = new BenchCluster();
        try
        {
            await cluster._api.InitializeAsync().WaitAsync(cancellationToken);
            if (cluster._api.SkipReason is { } reason)
            {
                throw new InvalidOperationException(reason);
            }

            await cluster._api.ApplyCrdsAsync().WaitAsync(cancellationToken);
            await cluster.ApplyAsync(BenchManifests.MetalLbNamespace);
            await cluster.ApplyAsync(BenchManifests.Pool(pool));
            await cluster.ApplyAsync(string.Join("---\n", Enumerable.Range(0, nodes).Select(i => BenchManifests.Node($"node-{i}"))));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task ApplyAsync(string yaml)
    {
        var file = Path.Combine(_api.Directory, $"apply-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        var result = await _api.RunKubectlAsync("apply", "--validate=false", "-f", file);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"kubectl apply failed: {result}");
        }
    }

    /// <summary>A client of the same server whose requests pass through <paramref name="handlers"/> (request counting).</summary>
    public k8s.Kubernetes CreateClient(params DelegatingHandler[] handlers) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(_api.Kubeconfig), handlers);

    public async ValueTask DisposeAsync() => await _api.DisposeAsync();
}
