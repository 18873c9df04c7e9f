namespace MetalLb.Webhook.Store;

/// <summary>
/// Resolves the <see cref="IObjectStore"/> when the host starts, so a webhook with no source of current objects (no
/// manifests, no cluster) fails at start with a message saying what to set, not on its first request.
/// </summary>
public sealed class ObjectStoreStartupCheck(IServiceProvider services) : IHostedService
{
    public const string Missing = "no object store: set --manifests DIR (Webhook:Manifests) or run in a cluster";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IObjectStore>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
