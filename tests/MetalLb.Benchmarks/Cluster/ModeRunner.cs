using System.Runtime.InteropServices;
using k8s.Autorest;

namespace MetalLb.Benchmarks.Cluster;

/// <summary>
/// Runs one real-server benchmark mode: Ctrl+C and SIGTERM cancel it, so its <c>finally</c> blocks still stop the
/// servers it started; prints the Markdown report it returns (and writes it to a file when asked).
/// </summary>
internal static class ModeRunner
{
    public static async Task<int> RunAsync(string mode, string? outFile, Func<CancellationToken, Task<string>> run)
    {
        using var stop = new CancellationTokenSource();
        void Cancel(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        try
        {
            var report = await run(stop.Token);
            Console.WriteLine(report);
            if (outFile is not null)
            {
                await File.WriteAllTextAsync(outFile, report, CancellationToken.None);
            }

            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{mode}: cancelled");
            return 130;
        }
        catch (Exception ex)
        {
            var known = ex is InvalidOperationException or TimeoutException;
            var detail = ex is HttpOperationException http ? $"\n{http.Response?.Content}" : "";
            await Console.Error.WriteLineAsync($"{mode} failed: {(known ? ex.Message : ex.ToString())}{detail}");
            return 1;
        }
    }

    public static void Log(string mode, string message) => Console.Error.WriteLine($"{mode}: [{DateTime.UtcNow:HH:mm:ss}] {message}");
}
