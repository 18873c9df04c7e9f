using System.Diagnostics;

namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// One daemon started in a network namespace with its output appended to a log file. The shell and <c>ip netns exec</c>
/// both exec, so <see cref="Pid"/> is the daemon's own and signals reach it.
/// </summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private readonly Process _process;

    private DaemonProcess(Process process, string logFile)
    {
        _process = process;
        LogFile = logFile;
    }

    public string LogFile { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static DaemonProcess Start(string ns, string logFile, params string[] command)
    {
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in (string[])["-c", "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1", "sh", logFile, "ip", "netns", "exec", ns, .. command])
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {command[0]}");
        process.StandardInput.Close();
        return new DaemonProcess(process, logFile);
    }

    public Task SignalAsync(string signal) =>
        ProcessRunner.RunAsync("kill", ["-s", signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], StopTimeout);

    /// <summary>SIGTERM (and SIGCONT, in case it is frozen), then SIGKILL if it has not exited in time.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        await SignalAsync("TERM").ConfigureAwait(false);
        await SignalAsync("CONT").ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
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
    }
}
