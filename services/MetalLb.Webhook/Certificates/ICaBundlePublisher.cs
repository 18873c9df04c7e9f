namespace MetalLb.Webhook.Certificates;

/// <summary>Hands the CA bundle to whoever calls the webhook (the API server's webhook and CRD registrations).</summary>
internal interface ICaBundlePublisher
{
    /// <summary>Makes <paramref name="caBundlePem"/> the trusted bundle, touching nothing that already has it.</summary>
    Task PublishAsync(string caBundlePem, CancellationToken cancellationToken);
}
