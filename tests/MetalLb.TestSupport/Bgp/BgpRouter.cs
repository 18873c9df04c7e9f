using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace MetalLb.TestSupport.Bgp;

/// <summary>
/// What the router fixtures share: their daemons' processes and logs in a work directory, polling with a deadline
/// (a daemon's RIB and session state have no event to await), restart, freeze and clean-up.
/// </summary>
public abstract class BgpRouter : IBgpRouter
{
    protected static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    protected static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly List<DaemonProcess> _daemons = [];
    private bool _disposed;

    protected BgpRouter(BgpRouterOptions options, string daemon)
    {
        Options = options;
        WorkDirectory = BgpWorkDirectory.Create(daemon);
    }

    public BgpRouterOptions Options { get; }

    public string WorkDirectory { get; }

    public async Task WaitEstablishedAsync(string neighbor, TimeSpan timeout)
    {
        var state = BgpSessionState.Idle;
        await PollAsync(
            async () => (state = await NeighborStateAsync(neighbor).ConfigureAwait(false)) == BgpSessionState.Established,
            timeout,
            () => $"the session with {neighbor} to be Established (last state {state})").ConfigureAwait(false);
    }

    public abstract Task<BgpSessionState> NeighborStateAsync(string neighbor);

    public abstract Task<IReadOnlyList<BgpRoute>> GetRoutesAsync(BgpFamily family);

    public async Task<IReadOnlyList<BgpRoute>> WaitForRoutesAsync(
        BgpFamily family, Func<IReadOnlyList<BgpRoute>, bool> predicate, TimeSpan timeout)
    {
        IReadOnlyList<BgpRoute> routes = [];
        await PollAsync(
            async () => predicate(routes = await GetRoutesAsync(family).ConfigureAwait(false)),
            timeout,
            () => $"the {family} RIB to match; it held {routes.Count} paths:\n{string.Join('\n', routes.Take(20))}")
            .ConfigureAwait(false);
        return routes;
    }

    public abstract Task<IReadOnlyList<BfdSession>> BfdSessionsAsync();

    public async Task RestartAsync()
    {
        await StopDaemonsAsync().ConfigureAwait(false);
        await StartDaemonsAsync().ConfigureAwait(false);
    }

    public Task FreezeAsync() => SignalAllAsync("STOP");

    public Task ThawAsync() => SignalAllAsync("CONT");

    public string Logs() =>
        string.Join('\n', Directory.EnumerateFiles(WorkDirectory, "*.log").Order(StringComparer.Ordinal).Select(Tail));

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var daemon in Enumerable.Reverse(_daemons))
        {
            await daemon.DisposeAsync().ConfigureAwait(false);
        }

        _daemons.Clear();
        Directory.Delete(WorkDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts a router whose constructor wrote nothing yet; disposes it when its daemons fail to come up.</summary>
    protected static async Task<T> StartAsync<T>(T router)
        where T : BgpRouter
    {
        ArgumentNullException.ThrowIfNull(router);
        try
        {
            await router.StartDaemonsAsync().ConfigureAwait(false);
            return router;
        }
        catch
        {
            await router.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Writes the configuration, starts the daemons and waits until they answer their control sockets.</summary>
    protected abstract Task StartDaemonsAsync();

    protected string PathOf(string file) => Path.Combine(WorkDirectory, file);

    protected void StartDaemon(string name, params string[] command) =>
        _daemons.Add(DaemonProcess.Start(Options.Namespace, PathOf($"{name}.log"), command));

    /// <summary>Runs a control command (birdc, vtysh, gobgp) and fails, with the logs, on a non-zero exit.</summary>
    protected async Task<string> ControlAsync(string fileName, params string[] args)
    {
        var result = await ProcessRunner.RunAsync(fileName, args, CommandTimeout).ConfigureAwait(false);
        return result.Succeeded
            ? result.StandardOutput
            : throw new InvalidOperationException($"{fileName} {string.Join(' ', args)}: {result}\n{Logs()}");
    }

    /// <summary>Polls <paramref name="condition"/> (a failing probe counts as false) until it holds or the deadline passes.</summary>
    protected async Task PollAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> waitingFor)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(waitingFor);
        var clock = Stopwatch.StartNew();
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await condition().ConfigureAwait(false))
                {
                    return;
                }

                lastError = null;
            }
            catch (InvalidOperationException e)
            {
                lastError = e;
            }

            if (clock.Elapsed > timeout)
            {
                var exited = _daemons.Where(d => d.HasExited).Select(d => Path.GetFileNameWithoutExtension(d.LogFile)).ToList();
                throw new TimeoutException(
                    $"{GetType().Name} in {Options.Namespace}: timed out after {timeout} waiting for {waitingFor()}"
                    + (exited.Count > 0 ? $"\nexited: {string.Join(", ", exited)}" : string.Empty)
                    + (lastError is null ? string.Empty : $"\nlast error: {lastError.Message}")
                    + $"\n{Logs()}");
            }

            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    protected static bool SameAddress(string a, string b) =>
        IPAddress.TryParse(a, out var x) && IPAddress.TryParse(b, out var y) ? x.Equals(y) : a == b;

    protected static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task StopDaemonsAsync()
    {
        foreach (var daemon in Enumerable.Reverse(_daemons))
        {
            await daemon.StopAsync().ConfigureAwait(false);
            await daemon.DisposeAsync().ConfigureAwait(false);
        }

        _daemons.Clear();
    }

    private async Task SignalAllAsync(string signal)
    {
        foreach (var daemon in _daemons)
        {
            await daemon.SignalAsync(signal).ConfigureAwait(false);
        }
    }

    private static string Tail(string logFile)
    {
        var all = File.ReadAllLines(logFile);
        return $"== {logFile} (last {Math.Min(40, all.Length)} of {all.Length} lines)\n{string.Join('\n', all.TakeLast(40))}";
    }
}
