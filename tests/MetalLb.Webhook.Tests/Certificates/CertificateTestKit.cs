using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MetalLb.Webhook.Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Tests.Certificates;

/// <summary>Builders and checks shared by the certificate tests.</summary>
internal static class CertificateTestKit
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static CertificateOptions Options(Action<CertificateOptions>? configure = null)
    {
        var options = new CertificateOptions { ExtraSans = ["127.0.0.1"] };
        configure?.Invoke(options);
        return options;
    }

    public static SelfCertificateManager Manager(
        CertificateOptions options,
        ICertificateStore store,
        ICaBundlePublisher publisher,
        TimeProvider time,
        out CertificateState state)
    {
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        state = new CertificateState(wrapped);
        return new SelfCertificateManager(store, publisher, wrapped, state, time, NullLogger<SelfCertificateManager>.Instance);
    }

    /// <summary>True when <paramref name="certificate"/> chains to a server-auth root in <paramref name="trusted"/> and nothing else.</summary>
    public static bool ChainsTo(X509Certificate2 certificate, IEnumerable<X509Certificate2> trusted, DateTimeOffset at)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        return chain.Build(certificate);
    }

    public static List<X509Certificate2> Bundle(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return [.. collection];
    }

    public static X509Certificate2 Issuer(X509Certificate2 certificate, IEnumerable<X509Certificate2> candidates) =>
        candidates.Single(c => c.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData));

    public static IOptions<T> Wrap<T>(T value)
        where T : class => Microsoft.Extensions.Options.Options.Create(value);
}
