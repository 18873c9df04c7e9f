using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Certificates;

/// <summary>
/// External mode: loads the files at start, then again whenever their directory changes (Kubernetes swaps a
/// <c>..data</c> symlink when a mounted Secret changes, which a watch on the file itself would miss) and every
/// <c>CheckInterval</c> in case a change event was lost.
/// </summary>
internal sealed class ExternalCertificateService(
    IServiceProvider services,
    IOptions<CertificateOptions> options,
    TimeProvider timeProvider) : BackgroundService
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<FileSystemWatcher> _watchers = [];
    private ExternalCertificateLoader? _loader;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Mode != CertificateMode.External)
        {
            return;
        }

        _loader = services.GetRequiredService<ExternalCertificateLoader>();
        foreach (var directory in _loader.Directories)
        {
            Watch(directory);
        }

        await _loader.ReloadAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_loader is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            try
            {
                var changed = _changes.Reader.WaitToReadAsync(wait.Token).AsTask();
                var elapsed = Task.Delay(options.Value.CheckInterval, timeProvider, wait.Token);
                await Task.WhenAny(changed, elapsed).ConfigureAwait(false);
                await wait.CancelAsync().ConfigureAwait(false);
                _changes.Reader.TryRead(out _);
                await _loader.ReloadAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Watch(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        var watcher = new FileSystemWatcher(directory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => _changes.Writer.TryWrite(true);
        watcher.Created += (_, _) => _changes.Writer.TryWrite(true);
        watcher.Deleted += (_, _) => _changes.Writer.TryWrite(true);
        watcher.Renamed += (_, _) => _changes.Writer.TryWrite(true);
        watcher.Error += (_, _) => _changes.Writer.TryWrite(true);
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }
}
