using System.Diagnostics;

namespace MetalLb.Announcer.Frr;

/// <summary>Runs one of FRR's tools to completion and returns its exit code and everything it printed.</summary>
internal static class FrrProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new FrrUnavailableException($"{file} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FrrUnavailableException($"{file} could not be started: {e.Message}", e);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new FrrUnavailableException($"{file} did not finish within {timeout}");
            }

            var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
            return (process.ExitCode, output);
        }
    }
}
