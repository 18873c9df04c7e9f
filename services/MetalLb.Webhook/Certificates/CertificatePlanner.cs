using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MetalLb.Webhook.Certificates;

/// <summary>
/// Decides, from the stored material and the time, what Self mode should store and serve. Pure apart from creating
/// keys: the same input and time give the same decisions.
/// </summary>
/// <remarks>
/// A serving certificate is renewed under the same CA, so the published caBundle stays the same and nothing has to
/// be restarted. A CA close to expiry is replaced in two steps: first the new CA joins the bundle next to the old one
/// (and that bundle is published), and only in a later check, once the bundle has been published for a while, does
/// the serving certificate move to the new CA. Expired CAs drop out of the bundle.
/// </remarks>
internal sealed class CertificatePlanner(CertificateOptions options)
{
    /// <summary>
    /// How long a new CA must have been in the published bundle before certificates it signs are served. API servers
    /// watch webhook configurations and CRDs and pick up a new caBundle within seconds.
    /// </summary>
    public static readonly TimeSpan CaPropagationDelay = TimeSpan.FromMinutes(5);

    private readonly ServingNames _names = ServingNames.From(options);

    /// <summary>The CA is replaced when less than this is left, well before any serving certificate needs it.</summary>
    public TimeSpan CaRenewBefore => 2 * options.RenewBefore;

    /// <param name="stored">The stored material; null when nothing is stored.</param>
    /// <param name="now">The current time.</param>
    /// <param name="publishedBundle">The bundle this process last published successfully, if any.</param>
    public CertificatePlan Plan(CertificateMaterial? stored, DateTimeOffset now, string? publishedBundle)
    {
        stored ??= CertificateMaterial.Empty;
        var changes = new List<string>();

        var read = CertificatePem.ReadBundle(stored.CaBundle);
        var bundle = read.Where(c => IsCa(c) && now < NotAfter(c)).ToList();
        var bundleChanged = bundle.Count != read.Count;
        if (bundleChanged)
        {
            changes.Add($"dropped {read.Count - bundle.Count} expired or unusable certificate(s) from the CA bundle");
        }

        var stillSigning = CertificatePem.FindWithKey(bundle, stored.CaKey);
        var signing = stillSigning;
        if (signing is null || NotAfter(signing) - now < CaRenewBefore)
        {
            changes.Add(signing is null
                ? "created a CA: no usable CA with its key was stored"
                : $"created a new CA: the current one expires {NotAfter(signing):O}");
            signing = CertificateFactory.CreateCa(options.ServiceName, now, options.CaValidity);
            bundle.Add(signing);
            bundleChanged = true;
        }

        var caBundle = bundleChanged ? CertificatePem.Bundle(bundle) : stored.CaBundle;
        var caKey = ReferenceEquals(signing, stillSigning) ? stored.CaKey : CertificatePem.PrivateKey(signing);

        var serving = CertificatePem.ReadPair(stored.Certificate, stored.Key);
        var issuer = serving is null ? null : FindIssuer(serving, bundle, now);
        var reason = serving is null ? "none usable was stored" : RenewalReason(serving, issuer, signing, now);

        // A certificate under a CA the API server may not trust yet would fail every call; keep the current one, which
        // is still valid, until the new CA has been published for long enough. An unusable one is replaced at once.
        var mustIssue = issuer is null || Same(issuer, signing);
        var newCaTrusted = string.Equals(publishedBundle, caBundle, StringComparison.Ordinal)
            && now - (NotBefore(signing) + CertificateFactory.Backdate) >= CaPropagationDelay;
        var issued = false;
        if (serving is null || (reason is not null && (mustIssue || newCaTrusted)))
        {
            serving = CertificateFactory.CreateServing(signing, _names, now, options.CertValidity);
            issued = true;
            changes.Add($"issued a serving certificate: {reason}");
        }

        var material = new CertificateMaterial(
            caBundle,
            caKey,
            issued ? CertificatePem.Certificate(serving) : stored.Certificate,
            issued ? CertificatePem.PrivateKey(serving) : stored.Key);
        return new CertificatePlan(material, serving, changes, SwitchPending: reason is not null && !issued);
    }

    private string? RenewalReason(X509Certificate2 serving, X509Certificate2? issuer, X509Certificate2 signing, DateTimeOffset now)
    {
        if (issuer is null)
        {
            return "the stored one is expired or not signed by a trusted CA";
        }

        if (NotAfter(serving) - now < options.RenewBefore)
        {
            return $"the current one expires {NotAfter(serving):O}";
        }

        if (!_names.MatchedBy(serving))
        {
            return "the configured names changed";
        }

        return Same(issuer, signing) ? null : "moving to the new CA";
    }

    /// <summary>The bundle CA that directly signed <paramref name="serving"/>, if the chain is valid at <paramref name="now"/>.</summary>
    private static X509Certificate2? FindIssuer(X509Certificate2 serving, List<X509Certificate2> bundle, DateTimeOffset now)
    {
        if (bundle.Count == 0)
        {
            return null;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(bundle.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(CertificateFactory.ServerAuthOid));
        try
        {
            if (!chain.Build(serving) || chain.ChainElements.Count != 2)
            {
                return null;
            }

            var root = chain.ChainElements[1].Certificate;
            return bundle.FirstOrDefault(c => Same(c, root));
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    private static bool IsCa(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    private static bool Same(X509Certificate2 a, X509Certificate2 b) => a.RawDataMemory.Span.SequenceEqual(b.RawDataMemory.Span);

    private static DateTimeOffset NotAfter(X509Certificate2 certificate) => new(certificate.NotAfter);

    private static DateTimeOffset NotBefore(X509Certificate2 certificate) => new(certificate.NotBefore);
}
