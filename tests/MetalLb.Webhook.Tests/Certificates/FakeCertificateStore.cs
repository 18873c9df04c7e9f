using System.Globalization;
using MetalLb.Webhook.Certificates;

namespace MetalLb.Webhook.Tests.Certificates;

/// <summary>An in-memory store with versions, like a Secret's resourceVersion; can let "another replica" write first.</summary>
internal sealed class FakeCertificateStore : ICertificateStore
{
    private int _version;

    public StoredCertificate? Stored { get; private set; }

    public int Writes { get; private set; }

    /// <summary>Runs once, just before the next write is checked: what another replica writes in between.</summary>
    public Func<CertificateMaterial>? InterveningWrite { get; set; }

    public string Location => "fake store";

    public Task<StoredCertificate?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Stored);

    public Task<bool> TryWriteAsync(CertificateMaterial material, string? expectedVersion, CancellationToken cancellationToken)
    {
        if (InterveningWrite is { } other)
        {
            InterveningWrite = null;
            Put(other());
        }

        if (expectedVersion != Stored?.Version)
        {
            return Task.FromResult(false);
        }

        Put(material);
        return Task.FromResult(true);
    }

    public void Put(CertificateMaterial material)
    {
        _version++;
        Writes++;
        Stored = new StoredCertificate(material, _version.ToString(CultureInfo.InvariantCulture));
    }
}
