namespace MetalLb.Webhook.Certificates;

/// <summary>
/// What Self mode stores, as PEM text under the Secret keys it uses: <c>ca.crt</c> (every CA clients should trust, the
/// published caBundle), <c>ca.key</c> (the key of the CA that signs new serving certificates), <c>tls.crt</c> and
/// <c>tls.key</c>. A missing entry is an empty string.
/// </summary>
internal sealed record CertificateMaterial(string CaBundle, string CaKey, string Certificate, string Key)
{
    public const string CaBundleKey = "ca.crt";

    public const string CaKeyKey = "ca.key";

    public const string CertificateKey = "tls.crt";

    public const string KeyKey = "tls.key";

    public static CertificateMaterial Empty { get; } = new(string.Empty, string.Empty, string.Empty, string.Empty);

    public IReadOnlyDictionary<string, string> ToEntries() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CaBundleKey] = CaBundle,
        [CaKeyKey] = CaKey,
        [CertificateKey] = Certificate,
        [KeyKey] = Key,
    };

    public static CertificateMaterial FromEntries(Func<string, string?> lookup) => new(
        lookup(CaBundleKey) ?? string.Empty,
        lookup(CaKeyKey) ?? string.Empty,
        lookup(CertificateKey) ?? string.Empty,
        lookup(KeyKey) ?? string.Empty);
}
