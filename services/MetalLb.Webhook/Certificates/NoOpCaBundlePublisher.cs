namespace MetalLb.Webhook.Certificates;

/// <summary>CertDir mode has no API server to tell; whoever registers the webhook reads <c>ca.crt</c> from the directory.</summary>
internal sealed class NoOpCaBundlePublisher(string directory, ILogger<NoOpCaBundlePublisher> logger) : ICaBundlePublisher
{
    public Task PublishAsync(string caBundlePem, CancellationToken cancellationToken)
    {
        CertificateLog.CaBundleLocal(logger, Path.Combine(directory, CertificateMaterial.CaBundleKey));
        return Task.CompletedTask;
    }
}
