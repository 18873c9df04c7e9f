using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MetalLb.IntegrationTests.Webhook;

/// <summary>
/// The real webhook on Kestrel at https://127.0.0.1:<paramref name="port"/>, reading the cluster through
/// <paramref name="kubeconfig"/>, owning its certificate in a Secret and injecting the caBundle.
/// </summary>
internal sealed class ClusterWebhookFactory(int port, string kubeconfig) : WebApplicationFactory<Program>
{
    public const string SecretNamespace = "default";

    public Uri Address => new($"https://127.0.0.1:{port}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The client library reads the kubeconfig path from the environment; the host is the only one in this process.
        Environment.SetEnvironmentVariable("KUBECONFIG", kubeconfig);
        builder.UseSetting("urls", Address.ToString());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Webhook:Tls:Mode", "Self");
        builder.UseSetting("Webhook:Tls:ExtraSans:0", "127.0.0.1");

        // The Secret lives outside metallb-system so the webhook is ready before that namespace exists, and the
        // test can show the namespace being created through the mutating webhook.
        builder.UseSetting("Webhook:Tls:Namespace", SecretNamespace);
        builder.UseSetting("Webhook:Tls:CheckInterval", "00:00:05");
        builder.UseSetting("Webhook:Tls:RenewBefore", "1.00:00:00");
    }
}
