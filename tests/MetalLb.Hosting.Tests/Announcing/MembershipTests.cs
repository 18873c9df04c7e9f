using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;

namespace MetalLb.Hosting.Tests.Announcing;

public class MembershipTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly SteppedClock _clock = new();
    private long _sequence;

    /// <summary>A membership that has heard itself for a full dead-after window, as a running node has.</summary>
    private Membership Create()
    {
        var m = new Membership("node-a", _clock, Interval, 3);
        m.Observe(Beat("node-a"));
        Advance(m, Interval * 3);
        return m;
    }

    /// <summary>Moves the clock while this node keeps hearing its own heartbeats.</summary>
    private void Advance(Membership m, TimeSpan by)
    {
        _clock.Advance(by);
        m.Observe(Beat("node-a"));
    }

    private AnnouncerHeartbeat Beat(string node, bool goodbye = false, params string[] interfaces) =>
        new(node, ++_sequence, _clock.GetUtcNow(), goodbye, interfaces.Length == 0 ? null : interfaces);

    [Fact]
    public void Heartbeat_MakesANodeLive_UntilThreeIntervalsPassWithoutOne()
    {
        var m = Create();

        Assert.True(m.Observe(Beat("node-b")));
        Advance(m, Interval * 3);
        Assert.False(m.Expire());
        Assert.Equal(["node-a", "node-b"], m.Live);
        Advance(m, TimeSpan.FromMilliseconds(1));

        Assert.Equal(["node-a"], m.Live);
        Assert.False(m.CanAnnounce(new L2Candidate("node-b", 0, [])));
    }

    [Fact]
    public void Goodbye_IsGoneAtOnce()
    {
        var m = Create();
        m.Observe(Beat("node-b"));

        Assert.True(m.Observe(Beat("node-b", goodbye: true)));

        Assert.Equal(["node-a"], m.Live);
    }

    [Fact]
    public void RepeatedHeartbeats_DoNotChangeTheView()
    {
        var m = Create();
        m.Observe(Beat("node-b"));
        Advance(m, Interval);

        Assert.False(m.Observe(Beat("node-b")));
    }

    [Fact]
    public void Frozen_NobodyExpires_AndAfterThawEveryoneGetsAGracePeriod()
    {
        var m = Create();
        m.Observe(Beat("node-b"));

        m.Freeze();
        Advance(m, TimeSpan.FromSeconds(30));
        Assert.False(m.Expire());
        Assert.Equal(["node-a", "node-b"], m.Live);
        m.Thaw();
        Advance(m, Interval * 2);

        Assert.Equal(["node-a", "node-b"], m.Live);
        Advance(m, Interval * 2);
        Assert.Equal(["node-a"], m.Live);
    }

    [Fact]
    public void OwnHeartbeatsNotComingBack_NobodyExpires_UntilTheyDoAgain()
    {
        var m = Create();
        m.Observe(Beat("node-b"));
        m.Observe(Beat("node-c"));

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(m.Expire());
        Assert.Equal(["node-a", "node-b", "node-c"], m.Live);
        m.Observe(Beat("node-b"));
        m.Observe(Beat("node-a"));

        Assert.Equal(["node-a", "node-b"], m.Live);
    }

    [Fact]
    public void NewNode_ElectsNobody_UntilItHasHeardItselfForAWholeWindow()
    {
        var m = new Membership("node-a", _clock, Interval, 3);
        m.SetOwnInterfaces(["eth0"]);
        Assert.False(m.CanAnnounce(new L2Candidate("node-a", 0, [])));
        m.Observe(Beat("node-a"));
        Assert.False(m.CanAnnounce(new L2Candidate("node-a", 0, [])));

        _clock.Advance(Interval * 3);

        Assert.True(m.Expire());
        Assert.True(m.IsWarm);
        Assert.True(m.CanAnnounce(new L2Candidate("node-a", 0, [])));
    }

    [Fact]
    public void CanAnnounce_NeedsALiveNodeWithAUsableInterfaceAmongTheCandidates()
    {
        var m = Create();
        m.Observe(Beat("node-b", interfaces: "eth0"));
        m.Observe(Beat("node-c", interfaces: []));
        m.SetOwnInterfaces(["eth1"]);

        Assert.True(m.CanAnnounce(new L2Candidate("node-b", 0, [])));
        Assert.True(m.CanAnnounce(new L2Candidate("node-b", 0, ["eth0", "eth9"])));
        Assert.False(m.CanAnnounce(new L2Candidate("node-b", 0, ["eth1"])));
        Assert.True(m.CanAnnounce(new L2Candidate("node-c", 0, [])));
        Assert.True(m.CanAnnounce(new L2Candidate("node-a", 0, ["eth1"])));
        Assert.False(m.CanAnnounce(new L2Candidate("node-a", 0, ["eth0"])));
        Assert.False(m.CanAnnounce(new L2Candidate("node-z", 0, [])));
    }

    [Fact]
    public void LinkDown_ANodeReportingNoInterfaces_IsPassedOver_ThoughItsHeartbeatIsFine()
    {
        var m = Create();
        m.Observe(Beat("node-b", interfaces: "eth0"));

        Assert.True(m.Observe(new AnnouncerHeartbeat("node-b", ++_sequence, _clock.GetUtcNow(), false, [])));

        Assert.Contains("node-b", m.Live);
        Assert.False(m.CanAnnounce(new L2Candidate("node-b", 0, [])));
    }

    [Fact]
    public void OwnInterfaces_ChangeTheView_OnlyWhenTheyChange()
    {
        var m = Create();

        Assert.True(m.SetOwnInterfaces(["eth0"]));
        Assert.False(m.SetOwnInterfaces(["eth0"]));
        Assert.True(m.SetOwnInterfaces([]));
        Assert.False(m.CanAnnounce(new L2Candidate("node-a", 0, [])));
    }

    [Fact]
    public void PeerStillWarmingUp_IsPassedOver_UntilItSaysItIsWarm()
    {
        var m = Create();

        m.Observe(new AnnouncerHeartbeat("node-b", ++_sequence, _clock.GetUtcNow(), Warm: false));
        Assert.Contains("node-b", m.Live);
        Assert.False(m.CanAnnounce(new L2Candidate("node-b", 0, [])));

        Assert.True(m.Observe(new AnnouncerHeartbeat("node-b", ++_sequence, _clock.GetUtcNow(), Warm: true)));
        Assert.True(m.CanAnnounce(new L2Candidate("node-b", 0, [])));
    }
}
