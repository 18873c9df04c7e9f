using System.Diagnostics;
using System.Text;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>A daemon started in the foreground inside a namespace (<c>ip netns exec</c> execs it, so the process is the daemon), its output kept for failure messages.</summary>
internal sealed class LabDaemon : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LabDaemon(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public static LabDaemon Start(string ns, string name, params string[] command)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["netns", "exec", ns, .. command])
        {
            start.ArgumentList.Add(arg);
        }

        var daemon = new LabDaemon(name, Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}"));
        daemon._process.OutputDataReceived += (_, e) => daemon.Add(e.Data);
        daemon._process.ErrorDataReceived += (_, e) => daemon.Add(e.Data);
        daemon._process.BeginOutputReadLine();
        daemon._process.BeginErrorReadLine();
        return daemon;
    }

    public string Output()
    {
        lock (_output)
        {
            var text = _output.ToString();
            return $"--- {Name}{(_process.HasExited ? $" (exited {_process.ExitCode})" : "")} ---\n{(text.Length > 4000 ? text[^4000..] : text)}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
