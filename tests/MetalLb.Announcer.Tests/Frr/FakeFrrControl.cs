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

    public string NeighborsJson { get; set; } = "{}";

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

    public Task<string> ReadNeighborsAsync(CancellationToken cancellationToken) =>
        Down ? throw new FrrUnavailableException("vtysh exited 1: Exiting: failed to connect to any daemons.") : Task.FromResult(NeighborsJson);
}
