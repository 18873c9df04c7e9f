using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MetalLb.Webhook.Tests.Certificates;

/// <summary>
/// The real webhook on Kestrel at https://127.0.0.1 on a free port, in Self mode with its certificates in
/// <paramref name="certDir"/>, an empty manifest directory as its object store, and more settings if given.
/// </summary>
internal sealed class HttpsWebhookFactory(string manifests, string certDir, params (string Key, string Value)[] settings)
    : WebApplicationFactory<Program>
{
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("urls", "https://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Webhook:Manifests", manifests);
        builder.UseSetting("Webhook:Tls:Mode", "Self");
        builder.UseSetting("Webhook:Tls:CertDir", certDir);
        builder.UseSetting("Webhook:Tls:ExtraSans:0", "127.0.0.1");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
