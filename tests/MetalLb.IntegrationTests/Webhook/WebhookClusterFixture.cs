using System.Net;
using System.Net.Sockets;
using k8s;
using MetalLb.Domain.Config;
using MetalLb.TestSupport;
using MetalLb.Webhook.Certificates;
using MetalLb.Webhook.Store;
using Microsoft.Extensions.DependencyInjection;

namespace MetalLb.IntegrationTests.Webhook;

/// <summary>
/// A real kube-apiserver with the CRDs, our webhook registered with it by URL (no caBundle: the webhook injects it), the
/// webhook running on Kestrel, and the MetalLB namespace created through the mutating webhook.
/// </summary>
public sealed class WebhookClusterFixture : IAsyncLifetime, IDisposable
{
    public const string MetalLbNamespace = "metallb-system";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly KubeApiServerFixture _api = new();
    private ClusterWebhookFactory? _webhook;

    public KubeApiServerFixture Api => _api;

    public string? SkipReason => _api.SkipReason;

    public IObjectStore Store => _webhook!.Services.GetRequiredService<IObjectStore>();

    public ProcessResult NamespaceCreation { get; private set; } = new(0, "", "");

    public async Task InitializeAsync()
    {
        await _api.InitializeAsync();
        if (SkipReason is not null)
        {
            return;
        }

        await _api.ApplyCrdsAsync();
        var port = FreePort();
        var address = new Uri($"https://127.0.0.1:{port}");
        await KubectlAsync("patch", "crd", "bgppeers.metallb.io", "--type=merge", "-p",
            $$$$$$"""{"spec":{"conversion":{"webhook":{"clientConfig":{"service":null,"url":"{{{{{{address}}}}}}convert"}}}}}""");
        await ApplyYamlAsync(WebhookRegistration.Yaml(address));

        _webhook = new ClusterWebhookFactory(port, _api.Kubeconfig);
        _webhook.UseKestrel();
        _webhook.StartServer();
        await Until(() => _webhook.Services.GetRequiredService<ICertificateProvider>().IsReady && Store.IsSynced, "webhook ready");
        await Until(async () => (await CaBundlesAsync()).All(b => b.Length > 0), "caBundle injected everywhere");

        NamespaceCreation = await _api.RunKubectlAsync("create", "namespace", MetalLbNamespace);
    }

    public void Dispose()
    {
        _webhook?.Dispose();
        _api.Dispose();
    }

    public async Task DisposeAsync()
    {
        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }

        await _api.DisposeAsync();
    }

    /// <summary>The caBundles of both webhook configurations (each webhook) and of the BGPPeer conversion, base64-decoded.</summary>
    public async Task<IReadOnlyList<byte[]>> CaBundlesAsync()
    {
        var client = _api.Client;
        var validating = await client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(WebhookRegistration.Validating);
        var mutating = await client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(WebhookRegistration.Mutating);
        var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("bgppeers.metallb.io");
        return
        [
            .. validating.Webhooks.Select(w => w.ClientConfig.CaBundle ?? []),
            .. mutating.Webhooks.Select(w => w.ClientConfig.CaBundle ?? []),
            crd.Spec.Conversion.Webhook.ClientConfig.CaBundle ?? [],
        ];
    }

    /// <summary>Applies <paramref name="yaml"/> with kubectl and returns what kubectl said.</summary>
    public async Task<ProcessResult> ApplyYamlAsync(string yaml, bool check = true)
    {
        var file = Path.Combine(_api.Directory, $"apply-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        var result = await _api.RunKubectlAsync("apply", "-f", file);
        Assert.True(!check || result.ExitCode == 0, $"kubectl apply failed: {result.StandardError}\n{yaml}");
        return result;
    }

    /// <summary>Completes when the webhook's cache holds what <paramref name="predicate"/> asks for.</summary>
    public async Task WaitForStoreAsync(Func<ConfigSource, bool> predicate, string what)
    {
        var cache = ((ClusterObjectStoreAdapter)Store).Cache;
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (predicate(cache.Snapshot))
            {
                seen.TrySetResult();
            }
        }

        cache.Changed += Check;
        try
        {
            Check();
            await seen.Task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the webhook's cache never showed {what}");
        }
        finally
        {
            cache.Changed -= Check;
        }
    }

    private async Task KubectlAsync(params string[] args)
    {
        var result = await _api.RunKubectlAsync(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result.StandardError}");
    }

    private static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    /// <summary>
    /// Polls a condition that has no event to await (readiness of the certificate, fields written into the API
    /// server by the webhook's own loop), with a deadline.
    /// </summary>
    private static async Task Until(Func<Task<bool>> condition, string what)
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
