using MetalLb.Webhook.Certificates;
using MetalLb.Webhook.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MetalLb.Webhook.Tests;

/// <summary>
/// The webhook in memory over plain HTTP, with a fake object store (or none), a certificate provider that is ready
/// unless the test says otherwise, and optional settings.
/// </summary>
internal sealed class WebhookFactory(
    IObjectStore? store, IReadOnlyDictionary<string, string>? settings = null, ICertificateProvider? certificates = null)
    : WebApplicationFactory<Program>
{
    public static WebhookFactory With(string yaml, params (string Key, string Value)[] settings) =>
        new(new FakeObjectStore(yaml), settings.ToDictionary(s => s.Key, s => s.Value));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Webhook:Tls:Mode", "Disabled");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(certificates ?? new FakeCertificates());
            if (store is not null)
            {
                services.AddSingleton(store);
            }
        });
    }
}
