namespace MetalLb.Webhook.Certificates;

/// <summary>Where Self mode keeps its CA and serving certificate so other replicas and later starts reuse them.</summary>
internal interface ICertificateStore
{
    /// <summary>Where the material lives, for log messages.</summary>
    string Location { get; }

    /// <summary>The stored material, or null when nothing is stored yet.</summary>
    Task<StoredCertificate?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="material"/> if the store still holds <paramref name="expectedVersion"/> (null: nothing
    /// stored yet). False when someone else wrote first; the caller re-reads.
    /// </summary>
    Task<bool> TryWriteAsync(CertificateMaterial material, string? expectedVersion, CancellationToken cancellationToken);
}
