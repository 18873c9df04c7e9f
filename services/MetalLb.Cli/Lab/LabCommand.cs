using System.Globalization;
using MetalLb.Cli.Commands;
using MetalLb.Kubernetes.Manifests;
using MetalLb.Webhook.Admission;

namespace MetalLb.Cli.Lab;

/// <summary>
/// <c>metallb-svc lab</c>: the whole suite in one process on manifests — admission, the allocator, the bus and
/// simulated announcer nodes — run until settled, then the outcome as the nodes actually announce it.
/// </summary>
public static class LabCommand
{
    private static readonly TimeSpan WatchDebounce = TimeSpan.FromMilliseconds(300);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var options = new ArgReader(args, ["file|f", "namespace|n", "bgp-mode|", "lb-class|", "output|o", "nodes|", "broker|", "timeout|"], ["watch", "verbose"]);
        var output = options.Choice("output", "table", "table", "json");
        var validation = ValidateCommand.ReadValidationOptions(options);
        var paths = options.All("file");
        if (paths.Count == 0)
        {
            throw new UsageException("no input: give at least one -f PATH (a file or a directory)");
        }

        if (paths.Contains("-") && options.Flag("watch"))
        {
            throw new UsageException("--watch cannot watch standard input");
        }

        var settings = new LabSettings
        {
            Namespace = validation.MetalLbNamespace,
            BgpMode = validation.BgpBackend,
            LoadBalancerClass = options.Single("lb-class"),
            Nodes = PositiveInt(options.Single("nodes"), "--nodes"),
            Broker = Broker(options.Single("broker")),
            Timeout = TimeSpan.FromSeconds(PositiveInt(options.Single("timeout"), "--timeout") ?? 60),
            Verbose = options.Flag("verbose"),
        };
        var read = ManifestReader.ReadDocuments(paths);
        foreach (var problem in read.Problems)
        {
            await console.Error.WriteLineAsync($"metallb-svc: {problem}");
        }

        if (read.Problems.Any(p => p.IsIoError))
        {
            return ExitCodes.Usage;
        }

        var nodeNames = LabNodes.Names(read.Documents, settings.Nodes);
        await using var session = await LabSession.StartAsync(settings, nodeNames, cancellationToken);
        var denied = await ApplyAsync(session, LabNodes.WithGenerated(read.Documents, nodeNames), console);
        try
        {
            await session.SettleAsync(cancellationToken);
        }
        catch (TimeoutException ex)
        {
            await console.Error.WriteLineAsync($"metallb-svc: {ex.Message}");
            return ExitCodes.Invalid;
        }

        await PrintAsync(session, output, console);
        if (!options.Flag("watch"))
        {
            return denied > 0 || read.Problems.Count > 0 ? ExitCodes.Invalid : ExitCodes.Ok;
        }

        await WatchAsync(session, paths, nodeNames, output, console, cancellationToken);
        return ExitCodes.Ok;
    }

    private static async Task WatchAsync(
        LabSession session, IReadOnlyList<string> paths, IReadOnlyList<string> nodeNames, string output, CliConsole console,
        CancellationToken cancellationToken)
    {
        using var changed = new SemaphoreSlim(0, 1);
        var watchers = paths.Select(p => Watch(p, changed)).ToArray();
        try
        {
            await console.Error.WriteLineAsync($"metallb-svc: watching {string.Join(", ", paths)}; Ctrl+C stops");
            while (!cancellationToken.IsCancellationRequested)
            {
                await changed.WaitAsync(cancellationToken);
                await Task.Delay(WatchDebounce, cancellationToken);
                while (changed.CurrentCount > 0)
                {
                    await changed.WaitAsync(cancellationToken);
                }

                var read = ManifestReader.ReadDocuments(paths);
                foreach (var problem in read.Problems)
                {
                    await console.Error.WriteLineAsync($"metallb-svc: {problem}");
                }

                await ApplyAsync(session, LabNodes.WithGenerated(read.Documents, nodeNames), console);
                try
                {
                    await session.SettleAsync(cancellationToken);
                }
                catch (TimeoutException ex)
                {
                    await console.Error.WriteLineAsync($"metallb-svc: {ex.Message}");
                    continue;
                }

                await console.Out.WriteLineAsync($"--- {DateTimeOffset.Now:HH:mm:ss} ---");
                await PrintAsync(session, output, console);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                watcher.Dispose();
            }
        }
    }

    private static FileSystemWatcher Watch(string path, SemaphoreSlim changed)
    {
        var isFile = File.Exists(path);
        var watcher = new FileSystemWatcher(isFile ? Path.GetDirectoryName(Path.GetFullPath(path))! : path)
        {
            Filter = isFile ? Path.GetFileName(path) : "",
            IncludeSubdirectories = !isFile,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        void Signal(object sender, FileSystemEventArgs e)
        {
            try
            {
                if (changed.CurrentCount == 0)
                {
                    changed.Release();
                }
            }
            catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
            {
                // A change is already pending, or the watch is over.
            }
        }

        watcher.Changed += Signal;
        watcher.Created += Signal;
        watcher.Deleted += Signal;
        watcher.Renamed += Signal;
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    /// <returns>How many writes admission denied.</returns>
    private static async Task<int> ApplyAsync(LabSession session, IReadOnlyList<ManifestObject> documents, CliConsole console)
    {
        var denied = 0;
        foreach (var write in session.Apply(documents))
        {
            var what = $"{write.Document.Kind}/{write.Document.Name}";
            foreach (var warning in write.Decision.Warnings)
            {
                await console.Error.WriteLineAsync($"warning: {what}: {warning}");
            }

            if (!write.Decision.Allowed)
            {
                denied++;
                var verb = write.Operation == AdmissionOperation.Delete ? "delete" : "apply";
                await console.Error.WriteLineAsync($"denied: {verb} {what} ({write.Document.Source}): {write.Decision.Message}");
            }
        }

        return denied;
    }

    private static async Task PrintAsync(LabSession session, string output, CliConsole console)
    {
        var report = LabReport.From(session);
        await console.Out.WriteAsync(output == "json" ? report.ToJson() : report.ToTable());
    }

    private static int? PositiveInt(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new UsageException($"{option} \"{text}\": expected a positive whole number");
    }

    /// <summary>Checked before any file is read, so a mistyped URL is a usage error at once.</summary>
    private static Uri? Broker(string? text) =>
        text is null ? null
        : !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0
            ? throw new UsageException($"--broker \"{text}\": expected amqp://[user:password@]host[:port][/vhost]")
        : uri.Scheme is not ("amqp" or "amqps") ? throw new UsageException($"--broker \"{text}\": the scheme must be amqp or amqps")
        : uri;
}
