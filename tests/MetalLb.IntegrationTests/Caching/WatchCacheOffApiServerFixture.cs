using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Caching;

/// <summary>
/// A real API server started with <c>--watch-cache=false</c>, so that every watch is served by etcd: its watch cache
/// would answer a resourceVersion that etcd has compacted away from memory, and no 410 Gone would reach the client.
/// </summary>
public sealed class WatchCacheOffApiServerFixture : IAsyncLifetime, IDisposable
{
    public KubeApiServerFixture Api { get; } = new() { ExtraApiServerArgs = ["--watch-cache=false"] };

    public Task InitializeAsync() => Api.InitializeAsync();

    public Task DisposeAsync() => Api.DisposeAsync();

    public void Dispose() => Api.Dispose();
}
