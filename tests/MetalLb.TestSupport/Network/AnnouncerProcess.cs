using System.Diagnostics;

namespace MetalLb.TestSupport.Network;

/// <summary>
/// The real announcer (services/MetalLb.Announcer, as built for this test run) running inside a host namespace, its
/// log lines collected so tests can wait for them; killed with SIGKILL or stopped with SIGTERM like a pod.
/// </summary>
public sealed class AnnouncerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Done)> _waiters = [];

    private AnnouncerProcess(Process process, TestHost host)
    {
        _process = process;
        Host = host;
    }

    public TestHost Host { get; }

    /// <summary>The announcer's process id (<c>ip netns exec</c> execs <c>dotnet</c>, so it is the runtime's own).</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public static AnnouncerProcess Start(TestHost host, IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        ArgumentNullException.ThrowIfNull(host);
        var dll = RepoPaths.Combine("services", "MetalLb.Announcer", "bin", BuildConfiguration, "net10.0", "MetalLb.Announcer.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"the announcer is not built: {dll}");
        }

        var startInfo = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["netns", "exec", host.Namespace, "dotnet", dll, "--node-name", host.Name, "--urls", "http://127.0.0.1:0", .. extraArgs])
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        startInfo.Environment["Logging__Console__FormatterName"] = "simple";
        startInfo.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the announcer");
        var announcer = new AnnouncerProcess(process, host);
        process.OutputDataReceived += (_, e) => announcer.Add(e.Data);
        process.ErrorDataReceived += (_, e) => announcer.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return announcer;
    }

    /// <summary>Completes when a log line contains <paramref name="text"/> (one already logged counts).</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return;
            }

            _waiters.Add((l => l.Contains(text, StringComparison.Ordinal), done));
        }

        try
        {
            await done.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Host.Name}: no log line with \"{text}\" within {timeout}; exited: {HasExited}; log:\n{string.Join('\n', Lines.TakeLast(60))}");
        }
    }

    /// <summary>GETs a path of the announcer's HTTP endpoint (from inside its namespace, where it listens on loopback).</summary>
    public async Task<ProcessResult> GetAsync(string path)
    {
        await WaitForLineAsync("Now listening on: ", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        var url = Lines.First(l => l.Contains("Now listening on: ", StringComparison.Ordinal)).Split("Now listening on: ")[1].Trim();
        return await TestNetwork.ExecAsync(Host.Namespace, false, "curl", "-s", "-w", "\n%{http_code}", url + path).ConfigureAwait(false);
    }

    /// <summary>SIGKILL: the process vanishes without a goodbye, as when its node dies.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>SIGTERM: a graceful stop, as when its pod is deleted.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], timeout).ConfigureAwait(false);
        await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    /// <summary>Release or Debug, as this test assembly was built.</summary>
    private static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToArray())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
