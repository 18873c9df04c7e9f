using System.Text.Json.Nodes;
using MetalLb.Announcer.Frr;

namespace MetalLb.Announcer.Tests.Frr;

/// <summary>An FRR that records what it is given, when (on the test's clock), and fails or stays silent when told.</summary>
internal sealed class FakeFrrControl(TimeProvider time) : IFrrControl
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset At, string Configuration)> _applied = [];
    private readonly List<DateTimeOffset> _attempts = [];

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

    public Task<string> ReadNeighborsAsync(CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new FrrUnavailableException("vtysh exited 1: Exiting: failed to connect to any daemons.");
        }

        lock (_gate)
        {
            return Task.FromResult(NeighborsJson ?? ConfiguredNeighbors(_applied.Count == 0 ? "" : _applied[^1].Configuration));
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
