using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MetalLb.Hosting.Bgp;

/// <summary>
/// Reads the key file again every <see cref="BgpPasswordOptions.KeyCheckInterval"/> and tells every
/// <see cref="IPasswordKeyListener"/> when the key changed. Polling rather than a file watcher: a mounted Secret is
/// updated by swapping a symbolic link, which inotify on the file's path does not report.
/// </summary>
public sealed class PasswordKeyWatcher(
    PasswordKeyFile keys,
    BgpPasswordOptions options,
    IEnumerable<IPasswordKeyListener> listeners,
    TimeProvider timeProvider,
    ILogger<PasswordKeyWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Report();
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.KeyCheckInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            if (!keys.Refresh())
            {
                continue;
            }

            Report();
            foreach (var listener in listeners)
            {
                try
                {
                    await listener.OnKeyChangedAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    BgpLog.KeyListenerFailed(logger, listener.GetType().Name, ex);
                }
            }
        }
    }

    private void Report()
    {
        if (keys.Current is { } key)
        {
            BgpLog.KeyInUse(logger, key.KeyId);
        }
        else if (keys.IsConfigured)
        {
            BgpLog.NoKey(logger, keys.Problem ?? "unknown");
        }
        else
        {
            // Not an error: clusters without BGP passwords need no key.
            BgpLog.NoKeyConfigured(logger, keys.Problem ?? "unknown");
        }
    }
}
