using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Manifests;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Store;

/// <summary>
/// The embedded default: the current objects are the manifests in <see cref="WebhookOptions.Manifests"/>, read at
/// start and again, debounced, whenever a file there changes. Read problems are logged, never fatal: the objects that
/// could be read are served.
/// </summary>
public sealed partial class ManifestObjectStore : IObjectStore, IHostedService, IDisposable
{
    private readonly string _path;
    private readonly TimeSpan _delay;
    private readonly ILogger<ManifestObjectStore> _logger;
    private readonly ITimer _reload;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private volatile ConfigSource _snapshot = new();
    private volatile bool _synced;

    public ManifestObjectStore(IOptions<WebhookOptions> options, TimeProvider timeProvider, ILogger<ManifestObjectStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _path = options.Value.Manifests ?? throw new InvalidOperationException("Webhook:Manifests is not set");
        _delay = options.Value.ManifestReloadDelay;
        _logger = logger;
        _reload = timeProvider.CreateTimer(_ => Load(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public ConfigSource Snapshot => _snapshot;

    public bool IsSynced => _synced;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // An empty store would admit everything: a mistyped path must stop the start, not be a warning.
        if (!File.Exists(_path) && !Directory.Exists(_path))
        {
            throw new InvalidOperationException(
                $"Webhook:Manifests (--manifests) \"{_path}\" does not exist (relative to {Directory.GetCurrentDirectory()})");
        }

        Load();
        Watch();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        _watcher = null;
        _reload.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _reload.Dispose();
    }

    /// <summary>Reads the directory now and replaces the snapshot.</summary>
    public void Load()
    {
        lock (_gate)
        {
            try
            {
                var result = ManifestReader.ReadPaths([_path]);
                foreach (var problem in result.Problems)
                {
                    LogProblem(_logger, problem.ToString());
                }

                _snapshot = result.Objects;
                LogLoaded(_logger, _path, result.Objects.Count, result.Problems.Count);
            }
            catch (Exception ex)
            {
                LogLoadFailed(_logger, ex, _path);
            }
            finally
            {
                _synced = true;
            }
        }
    }

    private void Watch()
    {
        try
        {
            // A single file is watched through its directory, filtered to its name.
            var isFile = File.Exists(_path);
            _watcher = new FileSystemWatcher(isFile ? Path.GetDirectoryName(Path.GetFullPath(_path))! : _path)
            {
                Filter = isFile ? Path.GetFileName(_path) : "",
                IncludeSubdirectories = !isFile,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Changed += OnChange;
            _watcher.Created += OnChange;
            _watcher.Deleted += OnChange;
            _watcher.Renamed += OnChange;
            _watcher.Error += (_, e) => LogWatchFailed(_logger, e.GetException(), _path);
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or PlatformNotSupportedException)
        {
            LogWatchFailed(_logger, ex, _path);
        }
    }

    private void OnChange(object sender, FileSystemEventArgs e) => _reload.Change(_delay, Timeout.InfiniteTimeSpan);

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Read {Count} objects from {Directory} ({Problems} problems)")]
    private static partial void LogLoaded(ILogger logger, string directory, int count, int problems);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Manifest problem: {Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Reading manifests from {Directory} failed")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Watching {Directory} for changes failed; changes will not be picked up")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, string directory);
}
