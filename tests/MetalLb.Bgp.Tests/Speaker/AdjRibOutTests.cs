using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Speaker;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Tests.Speaker;

public class AdjRibOutTests
{
    private static BgpRoute Route(string prefix, ushort community = 1) => new(IpPrefix.Parse(prefix), new RouteAttributes(null, [Community.Of(1, community)]));

    [Fact]
    public void WhileDown_EverythingWantedIsPending_AndUpMakesItAllToSend()
    {
        var rib = new AdjRibOut([Route("203.0.113.1/32"), Route("2001:db8::1/128")]);

        var pendingWhileDown = rib.Pending;
        rib.SessionUp();
        var v4 = rib.Take(IpFamily.V4);

        Assert.Equal(2, pendingWhileDown);
        Assert.Equal(["203.0.113.1/32"], v4.Announce.Select(r => r.Prefix.ToString()));
        Assert.Equal((1, 1), (rib.Announced, rib.Pending));
    }

    [Fact]
    public void ABurstOfChanges_CollapsesToTheLatestStateOfEachPrefix()
    {
        var rib = new AdjRibOut([Route("203.0.113.1/32"), Route("203.0.113.2/32")]);
        rib.SessionUp();
        rib.Take(IpFamily.V4);

        rib.Set(Route("203.0.113.1/32", 2));
        rib.Set(Route("203.0.113.1/32", 3));
        rib.Remove(IpPrefix.Parse("203.0.113.2/32"));
        rib.Set(Route("203.0.113.3/32"));
        rib.Remove(IpPrefix.Parse("203.0.113.3/32"));
        rib.Set(Route("203.0.113.4/32", 2));
        rib.Set(Route("203.0.113.4/32", 1));
        var (announce, withdraw) = rib.Take(IpFamily.V4);

        Assert.Equal([("203.0.113.1/32", (ushort)3), ("203.0.113.4/32", (ushort)1)],
            announce.Select(r => (r.Prefix.ToString(), r.Attributes.Communities[0].Local)).Order());
        Assert.Equal(["203.0.113.2/32"], withdraw.Select(p => p.ToString()));
        Assert.Equal((2, 0), (rib.Announced, rib.Pending));
    }

    [Fact]
    public void RemovingAPrefixThePeerNeverGot_LeavesNothingPending()
    {
        var rib = new AdjRibOut([]);
        rib.SessionUp();

        rib.Set(Route("2001:db8::1/128"));
        rib.Remove(IpPrefix.Parse("2001:db8::1/128"));

        Assert.Equal(0, rib.Pending);
        Assert.Empty(rib.Take(IpFamily.V6).Withdraw);
    }

    [Fact]
    public void SettingTheSameAttributesAgain_SendsNothing()
    {
        var rib = new AdjRibOut([Route("203.0.113.1/32")]);
        rib.SessionUp();
        rib.Take(IpFamily.V4);

        rib.Set(Route("203.0.113.1/32"));

        Assert.Empty(rib.Take(IpFamily.V4).Announce);
    }

    [Fact]
    public void Refresh_SendsTheFamilyAgain_AndDownForgetsWhatWasSent()
    {
        var rib = new AdjRibOut([Route("203.0.113.1/32"), Route("2001:db8::1/128")]);
        rib.SessionUp();
        rib.Take(IpFamily.V4);
        rib.Take(IpFamily.V6);

        rib.Refresh(IpFamily.V6);
        var refreshed = rib.Take(IpFamily.V6);
        rib.SessionDown();

        Assert.Equal(["2001:db8::1/128"], refreshed.Announce.Select(r => r.Prefix.ToString()));
        Assert.Equal((0, 2), (rib.Announced, rib.Pending));
    }
}
