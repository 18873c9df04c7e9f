using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MetalLb.Webhook.Certificates;

namespace MetalLb.Webhook.Tests.Certificates;

public sealed class CertificateFactoryTests
{
    private static readonly DateTimeOffset Now = CertificateTestKit.Start;

    [Fact]
    public void CreateCa_IsAP256CaThatMaySignCertificates()
    {
        using var ca = CertificateFactory.CreateCa("metallb-svc-webhook", Now, TimeSpan.FromDays(3650));

        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        var usage = ca.Extensions.OfType<X509KeyUsageExtension>().Single();
        using var key = ca.GetECDsaPublicKey();
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        Assert.True(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.Equal(256, key!.KeySize);
        Assert.True(ca.HasPrivateKey);
        Assert.Contains("metallb-svc-webhook-ca@", ca.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateServing_CarriesTheServiceNamesAndExtraSans()
    {
        var names = ServingNames.From(CertificateTestKit.Options(o => o.ExtraSans = ["127.0.0.1", "::1", "webhook.example.org"]));
        using var ca = CertificateFactory.CreateCa("metallb-svc-webhook", Now, TimeSpan.FromDays(3650));

        using var serving = CertificateFactory.CreateServing(ca, names, Now, TimeSpan.FromDays(365));

        var san = serving.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(
            new[]
            {
                "metallb-svc-webhook",
                "metallb-svc-webhook.metallb-system",
                "metallb-svc-webhook.metallb-system.svc",
                "metallb-svc-webhook.metallb-system.svc.cluster.local",
                "webhook.example.org",
            },
            san.EnumerateDnsNames());
        Assert.Equal(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }, san.EnumerateIPAddresses());
        Assert.Equal("metallb-svc-webhook.metallb-system.svc", serving.GetNameInfo(X509NameType.SimpleName, false));
        Assert.True(names.MatchedBy(serving));
    }

    [Fact]
    public void CreateServing_IsAServerAuthLeafWithItsKey()
    {
        using var ca = CertificateFactory.CreateCa("svc", Now, TimeSpan.FromDays(3650));

        using var serving = CertificateFactory.CreateServing(ca, ServingNames.From(CertificateTestKit.Options()), Now, TimeSpan.FromDays(365));

        var eku = serving.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Equal(new[] { "1.3.6.1.5.5.7.3.1" }, eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        Assert.False(serving.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(serving.HasPrivateKey);
        Assert.Equal(ca.SubjectName.Name, serving.IssuerName.Name);
    }

    [Fact]
    public void CreateServing_ChainsToItsCaAndToNoOtherCa()
    {
        using var ca = CertificateFactory.CreateCa("svc", Now, TimeSpan.FromDays(3650));
        using var otherCa = CertificateFactory.CreateCa("svc", Now.AddSeconds(1), TimeSpan.FromDays(3650));
        var at = Now.AddDays(1);

        using var serving = CertificateFactory.CreateServing(ca, ServingNames.From(CertificateTestKit.Options()), Now, TimeSpan.FromDays(365));

        Assert.True(CertificateTestKit.ChainsTo(serving, [ca], at));
        Assert.False(CertificateTestKit.ChainsTo(serving, [otherCa], at));
        Assert.False(CertificateTestKit.ChainsTo(serving, [ca], Now.AddDays(366)));
    }

    [Fact]
    public void CreateServing_IsValidForCertValidityFromFiveMinutesAgo()
    {
        using var ca = CertificateFactory.CreateCa("svc", Now, TimeSpan.FromDays(3650));

        using var serving = CertificateFactory.CreateServing(ca, ServingNames.From(CertificateTestKit.Options()), Now, TimeSpan.FromDays(365));

        Assert.Equal(Now.AddMinutes(-5), new DateTimeOffset(serving.NotBefore));
        Assert.Equal(Now.AddDays(365), new DateTimeOffset(serving.NotAfter));
        Assert.Equal(Now.AddDays(3650), new DateTimeOffset(ca.NotAfter));
    }

    [Fact]
    public void CreateServing_NeverOutlivesItsCa()
    {
        using var ca = CertificateFactory.CreateCa("svc", Now, TimeSpan.FromDays(100));

        using var serving = CertificateFactory.CreateServing(ca, ServingNames.From(CertificateTestKit.Options()), Now.AddDays(50), TimeSpan.FromDays(365));

        Assert.Equal(ca.NotAfter, serving.NotAfter);
    }

    [Fact]
    public void Pem_RoundTripsCertificateAndKey()
    {
        using var ca = CertificateFactory.CreateCa("svc", Now, TimeSpan.FromDays(3650));
        using var serving = CertificateFactory.CreateServing(ca, ServingNames.From(CertificateTestKit.Options()), Now, TimeSpan.FromDays(365));

        using var read = CertificatePem.ReadPair(CertificatePem.Certificate(serving), CertificatePem.PrivateKey(serving));
        using var caRead = CertificatePem.FindWithKey(CertificatePem.ReadBundle(CertificatePem.Bundle([ca])), CertificatePem.PrivateKey(ca));

        Assert.Equal(serving.Thumbprint, read!.Thumbprint);
        Assert.True(read.HasPrivateKey);
        Assert.Equal(ca.Thumbprint, caRead!.Thumbprint);
        Assert.True(caRead.HasPrivateKey);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", CertificatePem.PrivateKey(serving), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("not a certificate", "not a key")]
    public void Pem_UnreadableInputReadsAsNothing(string certificate, string key)
    {
        Assert.Null(CertificatePem.ReadPair(certificate, key));
        Assert.Empty(CertificatePem.ReadBundle(certificate));
        Assert.Null(CertificatePem.FindWithKey([], key));
    }
}
