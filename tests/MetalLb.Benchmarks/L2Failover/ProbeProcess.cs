using System.Diagnostics;
using System.Globalization;
using MetalLb.TestSupport.Network;

namespace MetalLb.Benchmarks.L2Failover;

/// <summary>This benchmark's own <c>l2-probe</c> mode as a separate process inside a host namespace.</summary>
internal sealed class ProbeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private bool _disposed;

    private ProbeProcess(Process process) => _process = process;

    public static async Task<ProbeProcess> StartAsync(TestHost host, TimeSpan interval, int count, params string[] targets)
    {
        var startInfo = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args =
        [
            "netns", "exec", host.Namespace, "dotnet", typeof(ProbeProcess).Assembly.Location, L2Probe.Mode, "eth0", host.Mac, host.Ipv4, host.Ipv6,
            interval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture), .. targets,
        ];
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the probe");
        var probe = new ProbeProcess(process);
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout);
        if (line != L2Probe.Ready)
        {
            var error = await process.StandardError.ReadToEndAsync();
            await probe.DisposeAsync();
            throw new InvalidOperationException($"l2-probe did not start: {line} {error}");
        }

        return probe;
    }

    /// <summary>Waits for a probe with a count to send them all.</summary>
    public Task WaitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
