using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MetalLb.Benchmarks.Webhook;

/// <summary>
/// The real webhook as a separate process: <c>dotnet MetalLb.Webhook.dll --manifests DIR --urls https://127.0.0.1:PORT</c>
/// from the Release build output, in Self TLS mode with its CA and certificate in a directory. Disposing kills it.
/// </summary>
internal sealed class WebhookProcess : IDisposable
{
    private const int OutputLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private WebhookProcess(Process process, Uri address, string certDir)
    {
        _process = process;
        Address = address;
        CaBundleFile = Path.Combine(certDir, "ca.crt");
    }

    public Uri Address { get; }

    /// <summary>Where Self mode writes the CA bundle clients should trust.</summary>
    public string CaBundleFile { get; }

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    public static WebhookProcess Start(string assembly, string manifests, string certDir)
    {
        var address = new Uri($"https://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "--manifests", manifests, "--urls", address.GetLeftPart(UriPartial.Authority) },
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["Webhook__Tls__Mode"] = "Self";
        info.Environment["Webhook__Tls__CertDir"] = certDir;
        info.Environment["Webhook__Tls__ExtraSans__0"] = "127.0.0.1";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = info };
        var webhook = new WebhookProcess(process, address, certDir);
        process.OutputDataReceived += (_, e) => webhook.Record(e.Data);
        process.ErrorDataReceived += (_, e) => webhook.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return webhook;
    }

    /// <summary>Waits for the CA file, then for <c>/readyz</c> to answer 200 over TLS trusting only that CA.</summary>
    /// <returns>A client trusting only the generated CA, with up to <paramref name="connections"/> connections.</returns>
    public async Task<HttpClient> WaitUntilReadyAsync(int connections, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(CaBundleFile))
        {
            await PauseAsync(deadline, timeout, "the CA bundle file", cancellationToken);
        }

        var client = CaTrustingClient.Create(Address, await File.ReadAllTextAsync(CaBundleFile, cancellationToken), connections);
        try
        {
            while (true)
            {
                try
                {
                    using var response = await client.GetAsync(WebhookLoadBenchmark.ReadinessPath, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return client;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet (or its certificate not served yet): poll again.
                }

                await PauseAsync(deadline, timeout, "/readyz to answer 200", cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It never started or has already gone.
        }

        _process.Dispose();
    }

    private async Task PauseAsync(Stopwatch elapsed, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"the webhook exited with code {_process.ExitCode} while waiting for {what}");
        }

        if (elapsed.Elapsed > timeout)
        {
            throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}");
        }

        await Task.Delay(100, cancellationToken);
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
