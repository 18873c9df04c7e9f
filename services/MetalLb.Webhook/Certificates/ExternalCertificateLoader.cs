using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Certificates;

/// <summary>
/// External mode: reads the mounted certificate and key PEM files and serves them when they form a pair; a pair that
/// is half written or broken leaves the previous certificate in place.
/// </summary>
internal sealed class ExternalCertificateLoader(
    IOptions<CertificateOptions> options,
    CertificateState state,
    TimeProvider timeProvider,
    ILogger<ExternalCertificateLoader> logger)
{
    private readonly string _certFile = options.Value.CertFile ?? string.Empty;
    private readonly string _keyFile = options.Value.KeyFile ?? string.Empty;
    private string? _loadedCertificate;
    private string? _loadedKey;

    /// <summary>The directories to watch for changes.</summary>
    public IReadOnlyList<string> Directories =>
        new[] { _certFile, _keyFile }.Select(f => Path.GetDirectoryName(Path.GetFullPath(f))!).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Loads the files if their content changed; true when a new certificate is now served.</summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        string certificatePem;
        string keyPem;
        try
        {
            certificatePem = await File.ReadAllTextAsync(_certFile, cancellationToken).ConfigureAwait(false);
            keyPem = await File.ReadAllTextAsync(_keyFile, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            CertificateLog.ExternalLoadFailed(logger, e, _certFile, _keyFile);
            return false;
        }
        catch (UnauthorizedAccessException e)
        {
            CertificateLog.ExternalLoadFailed(logger, e, _certFile, _keyFile);
            return false;
        }

        if (string.Equals(certificatePem, _loadedCertificate, StringComparison.Ordinal)
            && string.Equals(keyPem, _loadedKey, StringComparison.Ordinal))
        {
            return false;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            CertificateLog.ExternalLoadFailed(logger, e, _certFile, _keyFile);
            return false;
        }

        var now = timeProvider.GetUtcNow();
        if (now < new DateTimeOffset(certificate.NotBefore) || now >= new DateTimeOffset(certificate.NotAfter))
        {
            CertificateLog.ExternalNotValid(logger, _certFile, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
        }

        _loadedCertificate = certificatePem;
        _loadedKey = keyPem;
        state.Update(certificate, ready: true);
        CertificateLog.Serving(logger, certificate.Subject, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime(), _certFile);
        return true;
    }
}
