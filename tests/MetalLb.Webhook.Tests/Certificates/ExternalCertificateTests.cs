using System.Security.Cryptography.X509Certificates;
using MetalLb.Webhook.Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetalLb.Webhook.Tests.Certificates;

public sealed class ExternalCertificateTests : IDisposable
{
    private readonly ScratchDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Reload_ReadsThePemFiles()
    {
        var expected = WriteCertificate("first.example.org");
        var (loader, state) = Loader();

        var loaded = await loader.ReloadAsync(CancellationToken.None);

        Assert.True(loaded);
        Assert.True(state.IsReady);
        Assert.Equal(expected.Thumbprint, state.Current!.Thumbprint);
        Assert.True(state.Current.HasPrivateKey);
    }

    [Fact]
    public async Task Reload_OfAHalfWrittenPair_KeepsThePreviousCertificate()
    {
        var expected = WriteCertificate("first.example.org");
        var (loader, state) = Loader();
        await loader.ReloadAsync(CancellationToken.None);
        using var other = Create("second.example.org");

        _directory.Replace("tls.crt", CertificatePem.Certificate(other));
        var loaded = await loader.ReloadAsync(CancellationToken.None);

        Assert.False(loaded);
        Assert.Equal(expected.Thumbprint, state.Current!.Thumbprint);
    }

    [Fact]
    public async Task Host_WhenTheFilesAreReplaced_ServesTheNewCertificate()
    {
        WriteCertificate("first.example.org");
        using var host = BuildHost();
        await host.StartAsync();
        var provider = host.Services.GetRequiredService<ICertificateProvider>();
        var first = provider.Current!.Thumbprint;

        var second = WriteCertificate("second.example.org");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (provider.Current!.Thumbprint == first && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await host.StopAsync();
        Assert.Equal(second.Thumbprint, provider.Current.Thumbprint);
    }

    private IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhook:Tls:Mode"] = "External",
            ["Webhook:Tls:CertFile"] = _directory.File("tls.crt"),
            ["Webhook:Tls:KeyFile"] = _directory.File("tls.key"),
        });
        builder.Services.AddWebhookCertificates(builder.Configuration);
        return builder.Build();
    }

    private (ExternalCertificateLoader Loader, CertificateState State) Loader()
    {
        var options = CertificateTestKit.Wrap(new CertificateOptions
        {
            Mode = CertificateMode.External,
            CertFile = _directory.File("tls.crt"),
            KeyFile = _directory.File("tls.key"),
        });
        var state = new CertificateState(options);
        return (new ExternalCertificateLoader(options, state, TimeProvider.System, NullLogger<ExternalCertificateLoader>.Instance), state);
    }

    private X509Certificate2 WriteCertificate(string name)
    {
        var certificate = Create(name);
        _directory.Replace("tls.crt", CertificatePem.Certificate(certificate));
        _directory.Replace("tls.key", CertificatePem.PrivateKey(certificate));
        return certificate;
    }

    private static X509Certificate2 Create(string name)
    {
        var now = DateTimeOffset.UtcNow;
        using var ca = CertificateFactory.CreateCa("external", now, TimeSpan.FromDays(30));
        var names = ServingNames.From(new CertificateOptions { ExtraSans = [name] });
        return CertificateFactory.CreateServing(ca, names, now, TimeSpan.FromDays(10));
    }
}
