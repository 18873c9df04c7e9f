using System.Text.Json.Nodes;
using MetalLb.Announcer.Frr;

namespace MetalLb.Announcer.Tests.Frr;

/// <summary>An FRR that records what it is given, when (on the test's clock), and fails or stays silent when told.</summary>
internal sealed class FakeFrrControl(TimeProvider time) : IFrrControl
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset At, string Configuration)> _applied = [];
    private readonly List<DateTimeOffset> _attempts = [];
    private readonly TaskCompletionSource _firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (TaskCompletionSource Started, TaskCompletionSource<string> Answer)? _held;

    /// <summary>The next this many applies fail.</summary>
    public int FailNext { get; set; }

    /// <summary>FRR is down: queries fail.</summary>
    public bool Down { get; set; }

    /// <summary>
    /// What <c>show bgp vrf all neighbors json</c> answers; null (the default) answers as an FRR running the last
    /// applied configuration whose sessions are not up yet (every configured neighbour, state Active), so a background
    /// poll never mistakes a fresh reload for FRR having lost its configuration.
    /// </summary>
    public string? NeighborsJson { get; set; }

    public IReadOnlyList<(DateTimeOffset At, string Configuration)> Applied
    {
        get
        {
            lock (_gate)
            {
                return [.. _applied];
            }
        }
    }

    public IReadOnlyList<DateTimeOffset> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    public Task ApplyAsync(string configuration, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _attempts.Add(time.GetUtcNow());
            if (FailNext > 0)
            {
                FailNext--;
                throw new FrrUnavailableException("frr-reload exited 1: Exiting: failed to connect to any daemons.");
            }

            _applied.Add((time.GetUtcNow(), configuration));
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes once a first neighbour query has been answered (the backend's start-up poll).</summary>
    public Task FirstRead => _firstRead.Task;

    /// <summary>
    /// The next neighbour query waits for <c>Answer</c> instead of answering at once; <c>Started</c> completes when it
    /// is asked, so a test can hold one poll mid-read while another runs.
    /// </summary>
    public (Task Started, TaskCompletionSource<string> Answer) HoldNextRead()
    {
        lock (_gate)
        {
            _held = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
            return (_held.Value.Started.Task, _held.Value.Answer);
        }
    }

    public Task<string> ReadNeighborsAsync(CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new FrrUnavailableException("vtysh exited 1: Exiting: failed to connect to any daemons.");
        }

        lock (_gate)
        {
            if (_held is { } held)
            {
                _held = null;
                held.Started.TrySetResult();
                return held.Answer.Task;
            }

            var answer = NeighborsJson ?? ConfiguredNeighbors(_applied.Count == 0 ? "" : _applied[^1].Configuration);
            _firstRead.TrySetResult();
            return Task.FromResult(answer);
        }
    }

    /// <summary>FRR's neighbour JSON for every <c>neighbor X remote-as</c> of <paramref name="configuration"/>, by VRF, none established.</summary>
    private static string ConfiguredNeighbors(string configuration)
    {
        var vrfs = new JsonObject();
        var vrf = "default";
        foreach (var line in configuration.Split('\n'))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words is ["router", "bgp", _, ..])
            {
                vrf = words is [_, _, _, "vrf", var name, ..] ? name : "default";
            }
            else if (words is ["neighbor", var address, "remote-as", ..])
            {
                var neighbors = vrfs[vrf] as JsonObject ?? new JsonObject();
                vrfs[vrf] = neighbors;
                neighbors[address] = new JsonObject { ["bgpState"] = "Active" };
            }
        }

        return vrfs.ToJsonString();
    }
}
