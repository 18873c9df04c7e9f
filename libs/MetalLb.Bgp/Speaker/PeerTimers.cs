using System.Threading.Channels;
using MetalLb.Bgp.Session;

namespace MetalLb.Bgp.Speaker;

/// <summary>
/// The session's timers on a <see cref="TimeProvider"/>: a timer that fires posts <see cref="PeerInput.TimerFired"/>
/// with its generation; restarting or stopping it bumps the generation, so a firing already on its way is ignored.
/// </summary>
internal sealed class PeerTimers(TimeProvider time, ChannelWriter<PeerInput> loop) : IDisposable
{
    private readonly ITimer?[] _timers = new ITimer?[3];
    private readonly int[] _generations = new int[3];

    public void Start(SessionTimer timer, TimeSpan after)
    {
        Stop(timer);
        var generation = _generations[(int)timer];
        _timers[(int)timer] = time.CreateTimer(
            _ => loop.TryWrite(new PeerInput.TimerFired(timer, generation)), null, after, Timeout.InfiniteTimeSpan);
    }

    public void Stop(SessionTimer timer)
    {
        _timers[(int)timer]?.Dispose();
        _timers[(int)timer] = null;
        _generations[(int)timer]++;
    }

    /// <summary>True when the firing is from the timer as last started (and it is forgotten, as it fires once).</summary>
    public bool Fired(PeerInput.TimerFired fired)
    {
        if (_generations[(int)fired.Timer] != fired.Generation)
        {
            return false;
        }

        _timers[(int)fired.Timer]?.Dispose();
        _timers[(int)fired.Timer] = null;
        return true;
    }

    public bool IsRunning(SessionTimer timer) => _timers[(int)timer] is not null;

    public void Dispose()
    {
        foreach (var timer in Enum.GetValues<SessionTimer>())
        {
            Stop(timer);
        }
    }
}
