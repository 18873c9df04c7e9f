using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Messages;
using MetalLb.Bgp.Speaker;
using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Tests.Speaker;

public class SpeakerRoutesTests
{
    [Fact]
    public async Task OnUp_TheWholeTableGoesOut_ThenEndOfRib()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        harness.Speaker.Advertise("router", [SpeakerHarness.Route("203.0.113.1/32", 200, "64512:7"), SpeakerHarness.Route("203.0.113.2/32", 200, "64512:7")]);

        await harness.Speaker.SetPeerAsync(SpeakerHarness.PeerFor(peer));
        var connection = await peer.AcceptAsync();
        await connection.EstablishAsync(SpeakerHarness.Theirs);
        var update = Assert.Single(await connection.UpdatesUntilEndOfRibAsync());
        var status = await harness.EventuallyAsync("router", s => s.Announced == 2);

        Assert.Equal(["203.0.113.1/32", "203.0.113.2/32"], update.Nlri.Select(p => p.ToString()).Order());
        Assert.Equal((Origin.Igp, "127.0.0.1", "64512"), (update.Origin, update.NextHop.ToString(), update.AsPath!.ToString()));
        Assert.Null(update.LocalPref);
        Assert.Equal([Community.Of(64512, 7)], update.Communities);
        Assert.Equal((0, 2L), (status.Pending, status.UpdatesSent));
    }

    [Fact]
    public async Task LocalPref_GoesToIbgpPeersOnly_WithAnEmptyAsPath()
    {
        await using var harness = new SpeakerHarness();
        await using var ibgp = new ScriptedPeer();
        await using var ebgp = new ScriptedPeer();
        harness.Speaker.Advertise("internal", SpeakerHarness.Route("203.0.113.5/32", 250));
        harness.Speaker.Advertise("internal", SpeakerHarness.Route("203.0.113.6/32"));
        harness.Speaker.Advertise("external", SpeakerHarness.Route("203.0.113.5/32", 250));

        await harness.Speaker.SetPeerAsync(SpeakerHarness.PeerFor(ibgp, "internal", SpeakerHarness.Ours));
        await harness.Speaker.SetPeerAsync(SpeakerHarness.PeerFor(ebgp, "external"));
        var toInternal = await ibgp.AcceptAsync();
        await toInternal.EstablishAsync(SpeakerHarness.Ours);
        var toExternal = await ebgp.AcceptAsync();
        await toExternal.EstablishAsync(SpeakerHarness.Theirs);
        var internalUpdates = await toInternal.UpdatesUntilEndOfRibAsync();
        var external = Assert.Single(await toExternal.UpdatesUntilEndOfRibAsync());

        Assert.Equal(
            [("203.0.113.5/32", 250u), ("203.0.113.6/32", UpdatePacker.DefaultLocalPref)],
            internalUpdates.SelectMany(u => u.Nlri.Select(p => (p.ToString(), u.LocalPref!.Value))).Order());
        Assert.All(internalUpdates, u => Assert.Empty(u.AsPath!.Segments));
        Assert.Null(external.LocalPref);
        Assert.Equal([SpeakerHarness.Ours], external.AsPath!.Asns);
    }

    [Fact]
    public async Task AThousandPrefixes_ArePacked_AndWithdrawingOneIsOneSmallUpdate()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer(System.Net.IPAddress.IPv6Loopback);
        var routes = Enumerable.Range(1, 1000).Select(i => SpeakerHarness.Route($"2001:db8:1::{i:x}/128", null, "64512:1", "64512:1:2")).ToList();
        var connection = await harness.EstablishAsync(peer, SpeakerHarness.PeerFor(peer));

        harness.Speaker.Advertise("router", routes);
        var announced = new HashSet<IpPrefix>();
        var updates = 0;
        while (announced.Count < 1000)
        {
            var update = await connection.NextUpdateAsync();
            updates++;
            Assert.Equal("::1", update.MpReach!.NextHop.ToString());
            Assert.Equal([new LargeCommunity(64512, 1, 2)], update.LargeCommunities);
            announced.UnionWith(update.MpReach.Nlri);
        }

        harness.Speaker.Withdraw("router", IpPrefix.Parse("2001:db8:1::7/128"));
        var withdrawal = await connection.NextUpdateAsync();

        Assert.InRange(updates, 5, 8);
        Assert.Equal(routes.Select(r => r.Prefix).ToHashSet(), announced);
        Assert.Equal(["2001:db8:1::7/128"], withdrawal.MpUnreach!.Withdrawn.Select(p => p.ToString()));
        Assert.Single(withdrawal.Attributes);
        Assert.Equal(999, (await harness.EventuallyAsync("router", s => s.Announced == 999)).Announced);
    }

    [Fact]
    public async Task ChangingOneRoutesAttributes_SendsOneUpdate_WithoutResettingTheSession()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        harness.Speaker.Advertise("router", [SpeakerHarness.Route("203.0.113.1/32", null, "64512:1"), SpeakerHarness.Route("203.0.113.2/32", null, "64512:1")]);
        var connection = await harness.EstablishAsync(peer, SpeakerHarness.PeerFor(peer));

        harness.Speaker.Advertise("router", SpeakerHarness.Route("203.0.113.2/32", null, "64512:2", "1:2:3"));
        var update = await connection.NextUpdateAsync();
        harness.Speaker.Withdraw("router", IpPrefix.Parse("203.0.113.1/32"));
        var withdrawal = await connection.NextUpdateAsync();
        var status = await harness.EventuallyAsync("router", s => s.UpdatesSent == 4);

        Assert.Equal("203.0.113.2/32", Assert.Single(update.Nlri).ToString());
        Assert.Equal([Community.Of(64512, 2)], update.Communities);
        Assert.Equal([new LargeCommunity(1, 2, 3)], update.LargeCommunities);
        Assert.Equal(("203.0.113.1/32", 0, 0), (Assert.Single(withdrawal.Withdrawn).ToString(), withdrawal.Attributes.Count, withdrawal.Nlri.Count));
        Assert.Equal((1L, 0L, 1), (status.SessionsEstablished, status.SessionsLost, status.Announced));
    }

    [Fact]
    public async Task ChangesWhileDown_Coalesce_SoTheNextSessionGetsOnlyTheLatestState()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        await harness.Speaker.SetPeerAsync(SpeakerHarness.PeerFor(peer));
        var connection = await peer.AcceptAsync();

        harness.Speaker.Advertise("router", SpeakerHarness.Route("203.0.113.1/32", null, "1:1"));
        harness.Speaker.Advertise("router", SpeakerHarness.Route("203.0.113.2/32"));
        harness.Speaker.Advertise("router", SpeakerHarness.Route("203.0.113.1/32", null, "1:2"));
        harness.Speaker.Withdraw("router", IpPrefix.Parse("203.0.113.2/32"));
        await harness.EventuallyAsync("router", s => s.Pending == 1);
        await connection.EstablishAsync(SpeakerHarness.Theirs);
        var update = Assert.Single(await connection.UpdatesUntilEndOfRibAsync());

        Assert.Equal("203.0.113.1/32", Assert.Single(update.Nlri).ToString());
        Assert.Equal([Community.Of(1, 2)], update.Communities);
    }

    [Fact]
    public async Task RouteRefresh_SendsTheFamilysTableAgain()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        harness.Speaker.Advertise("router", SpeakerHarness.Route("203.0.113.1/32"));
        var connection = await harness.EstablishAsync(peer, SpeakerHarness.PeerFor(peer));

        await connection.SendAsync(new RouteRefreshMessage(Afi.Ipv4, Safi.Unicast));
        var again = await connection.NextUpdateAsync();

        Assert.Equal("203.0.113.1/32", Assert.Single(again.Nlri).ToString());
    }

    [Fact]
    public async Task AFamilyThePeerDoesNotSpeak_StaysPending()
    {
        await using var harness = new SpeakerHarness();
        await using var peer = new ScriptedPeer();
        harness.Speaker.Advertise("router", [SpeakerHarness.Route("203.0.113.1/32"), SpeakerHarness.Route("2001:db8:2::1/128")]);
        await harness.Speaker.SetPeerAsync(SpeakerHarness.PeerFor(peer));
        var connection = await peer.AcceptAsync();

        await connection.EstablishAsync(SpeakerHarness.Theirs);
        var update = Assert.Single(await connection.UpdatesUntilEndOfRibAsync());
        var status = await harness.EventuallyAsync("router", s => s.Announced == 1);

        Assert.Equal("203.0.113.1/32", Assert.Single(update.Nlri).ToString());
        Assert.Equal(1, status.Pending);
    }
}
