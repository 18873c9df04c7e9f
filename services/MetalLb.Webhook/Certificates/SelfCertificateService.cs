using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Certificates;

/// <summary>Runs the Self-mode check at start and then every <c>CheckInterval</c>, retrying failures sooner.</summary>
internal sealed class SelfCertificateService(
    IServiceProvider services,
    IOptions<CertificateOptions> options,
    TimeProvider timeProvider,
    ILogger<SelfCertificateService> logger) : BackgroundService
{
    /// <summary>How long start-up waits for the first certificate before letting the server start without it.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(5);

    private bool _enabled;
    private int _failures;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Mode != CertificateMode.Self)
        {
            return;
        }

        _enabled = true;

        // Hosted services start before Kestrel, so with a reachable store the first connection already gets the real
        // certificate; an unreachable API server must not keep the server (and its liveness endpoint) down.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        await CheckAsync(timeout.Token, cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(NextDelay(), timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await CheckAsync(stoppingToken, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken, CancellationToken stoppingToken)
    {
        try
        {
            // Resolved on each attempt until it works: the Kubernetes client is only built when Self mode uses it,
            // and missing cluster configuration is reported (and readiness withheld) instead of failing start-up.
            var manager = services.GetRequiredService<SelfCertificateManager>();
            await manager.CheckAsync(cancellationToken).ConfigureAwait(false);
            _failures = 0;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _failures++;
            CertificateLog.CheckFailed(logger, e, NextDelay());
        }
    }

    /// <summary>The check interval, or after failures a doubling delay from two seconds, capped at five minutes.</summary>
    private TimeSpan NextDelay()
    {
        var interval = options.Value.CheckInterval;
        if (_failures == 0)
        {
            return interval;
        }

        var backoff = FirstRetry * Math.Pow(2, Math.Min(_failures - 1, 16));
        return new[] { backoff, MaxRetry, interval }.Min();
    }
}
