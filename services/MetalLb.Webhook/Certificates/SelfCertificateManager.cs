using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Certificates;

/// <summary>
/// One Self-mode check: read the stored material, plan, write it back if it changed (another replica may have
/// written first: then re-read and adopt its material), publish the CA bundle and serve the certificate.
/// </summary>
internal sealed class SelfCertificateManager(
    ICertificateStore store,
    ICaBundlePublisher publisher,
    IOptions<CertificateOptions> options,
    CertificateState state,
    TimeProvider timeProvider,
    ILogger<SelfCertificateManager> logger)
{
    private const int MaxWriteAttempts = 5;

    private readonly CertificatePlanner _planner = new(options.Value);
    private string? _publishedBundle;

    /// <summary>Runs a check; throws when the store or the publication failed (the certificate is still served).</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var plan = await StoreAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The bundle goes out before a certificate signed by a new CA is served (the planner holds such a
            // certificate back until a later check), and repairs a caBundle someone else overwrote.
            await publisher.PublishAsync(plan.Material.CaBundle, cancellationToken).ConfigureAwait(false);
            _publishedBundle = plan.Material.CaBundle;
        }
        finally
        {
            Serve(plan);
        }
    }

    private async Task<CertificatePlan> StoreAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            var plan = _planner.Plan(stored?.Material, timeProvider.GetUtcNow(), _publishedBundle);
            if (!plan.Changed)
            {
                return plan;
            }

            if (await store.TryWriteAsync(plan.Material, stored?.Version, cancellationToken).ConfigureAwait(false))
            {
                CertificateLog.Stored(logger, store.Location, string.Join("; ", plan.Changes));
                return plan;
            }

            CertificateLog.StoreConflict(logger, store.Location, attempt);
            if (attempt == MaxWriteAttempts)
            {
                throw new InvalidOperationException($"{store.Location} kept changing during {MaxWriteAttempts} attempts to write it");
            }
        }
    }

    private void Serve(CertificatePlan plan)
    {
        if (plan.SwitchPending)
        {
            CertificateLog.SwitchPending(logger, CertificatePlanner.CaPropagationDelay);
        }

        if (state.Current?.Thumbprint != plan.Serving.Thumbprint)
        {
            CertificateLog.Serving(logger, plan.Serving.Subject, plan.Serving.Thumbprint, plan.Serving.NotAfter.ToUniversalTime(), store.Location);
        }

        state.Update(plan.Serving, ready: true);
    }
}
