using System.Diagnostics;
using System.Globalization;

namespace MetalLb.TestSupport.Network;

/// <summary>
/// <c>tcpdump -w</c> on an interface inside a namespace, with nanosecond kernel timestamps (the same realtime clock as
/// <see cref="DateTime.UtcNow"/>), so tests and benchmarks can time frames on the wire. Stopped with SIGINT, which
/// makes tcpdump flush the file; read it with <see cref="StopAsync"/>.
/// </summary>
public sealed class WireCapture : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _directory;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _errors = [];

    private WireCapture(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    public string File => Path.Combine(_directory, "capture.pcap");

    /// <summary>Starts capturing on <paramref name="interface"/> in <paramref name="ns"/> and returns once tcpdump listens.</summary>
    public static async Task<WireCapture> StartAsync(string ns, string @interface, string filter)
    {
        var directory = Directory.CreateTempSubdirectory("metallb-capture-").FullName;
        var startInfo = new ProcessStartInfo("ip")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["netns", "exec", ns, "tcpdump", "-i", @interface, "-n", "-U", "--immediate-mode", "-B", "8192",
            "--time-stamp-precision=nano", "-w", Path.Combine(directory, "capture.pcap"), filter])
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start tcpdump");
        var capture = new WireCapture(process, directory);
        process.ErrorDataReceived += (_, e) => capture.OnError(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await capture._listening.Task.WaitAsync(Timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await capture.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"tcpdump in {ns} did not start listening: {string.Join('\n', capture._errors)}");
        }

        return capture;
    }

    /// <summary>Stops tcpdump (SIGINT, so it flushes) and returns every frame it wrote.</summary>
    public async Task<IReadOnlyList<CapturedFrame>> StopAsync()
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)], Timeout).ConfigureAwait(false);
            await _process.WaitForExitAsync().WaitAsync(Timeout).ConfigureAwait(false);
        }

        return System.IO.File.Exists(File) ? PcapFile.Read(File) : [];
    }

    /// <summary>What tcpdump printed on stderr (its drop counts at exit among them).</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_errors)
        {
            _errors.Add(line);
        }

        if (line.Contains("listening on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
