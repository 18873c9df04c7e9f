using k8s;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MetalLb.IntegrationTests.Deploy;

/// <summary>
/// The real webhook on Kestrel at https://127.0.0.1:<paramref name="port"/>, reading and writing the cluster with
/// <paramref name="client"/> (a ServiceAccount's), its certificate Secret in metallb-system as deployed.
/// </summary>
internal sealed class ServiceAccountWebhookFactory(int port, IKubernetes client) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", $"https://127.0.0.1:{port}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Webhook:Namespace", "metallb-system");
        builder.UseSetting("Webhook:Tls:Mode", "Self");
        builder.UseSetting("Webhook:Tls:Namespace", "metallb-system");
        builder.UseSetting("Webhook:Tls:ExtraSans:0", "127.0.0.1");
        builder.ConfigureServices(services => services.AddSingleton(client));
    }
}
