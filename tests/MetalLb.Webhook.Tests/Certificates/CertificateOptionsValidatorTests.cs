using MetalLb.Webhook.Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Tests.Certificates;

public sealed class CertificateOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new CertificateOptionsValidator().Validate(null, new CertificateOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("MinTlsVersion", "1.1", "MinTlsVersion")]
    [InlineData("Mode", "External", "CertFile")]
    [InlineData("ServiceName", "Not_A_Label", "ServiceName")]
    [InlineData("Namespace", "", "Namespace")]
    [InlineData("ExtraSans:0", "bad name!", "ExtraSans")]
    [InlineData("CertValidity", "10.00:00:00", "CertValidity")]
    [InlineData("CaValidity", "300.00:00:00", "CaValidity")]
    [InlineData("CheckInterval", "20.00:00:00", "CheckInterval")]
    [InlineData("CheckInterval", "00:00:00", "CheckInterval")]
    public void Validate_BadSetting_FailsNamingIt(string key, string value, string named)
    {
        var options = Bind((key, value));

        var result = new CertificateOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Webhook:Tls:{named}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("webhook.example.org")]
    [InlineData("*.example.org")]
    public void Validate_ExtraSansOfIpsAndDnsNames_Succeeds(string san)
    {
        var result = new CertificateOptionsValidator().Validate(null, Bind(("ExtraSans:0", san)));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public async Task HostStart_WithABadSetting_FailsNamingIt()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Webhook:Tls:MinTlsVersion"] = "1.0" });
        builder.Services.AddWebhookCertificates(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Webhook:Tls:MinTlsVersion", failure.Message, StringComparison.Ordinal);
    }

    private static CertificateOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>($"Webhook:Tls:{s.Key}", s.Value)))
            .Build();
        return configuration.GetSection(CertificateOptions.SectionName).Get<CertificateOptions>() ?? new CertificateOptions();
    }
}
