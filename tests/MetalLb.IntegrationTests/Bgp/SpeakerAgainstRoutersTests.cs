using System.Net;
using MetalLb.TestSupport;
using MetalLb.TestSupport.Bgp;
using RibRoute = MetalLb.TestSupport.Bgp.BgpRoute;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>
/// Our native speaker against the real daemons MetalLB users peer with: gobgpd, BIRD and FRR each read their own RIB,
/// so what is checked is what a router really accepted. Each test runs against all three.
/// </summary>
public sealed class SpeakerAgainstRoutersTests
{
    private static RibRoute? Find(IReadOnlyList<RibRoute> rib, string prefix) => rib.FirstOrDefault(r => r.Prefix.Equals(IPNetwork.Parse(prefix)));

    [RootTheory]
    [InlineData(BgpRouterKind.GoBgp)]
    [InlineData(BgpRouterKind.Bird)]
    [InlineData(BgpRouterKind.Frr)]
    public async Task Ibgp_Ipv4AndIpv6Routes_ArriveWithLocalPrefCommunitiesAndLargeCommunities_AndOurNextHop(BgpRouterKind kind)
    {
        await using var lab = await SpeakerLab.StartAsync(kind, routerAsn: SpeakerLab.OurAsn);
        lab.Speaker.Advertise("v4", SpeakerLab.Route("198.51.100.10/32", 250, [(64512, 100)], [(64512, 1, 2)]));
        lab.Speaker.Advertise("v6", SpeakerLab.Route("2001:db8:c0de::10/128", 150, [(64512, 200), (64512, 201)], [(4_200_000_000, 7, 8)]));

        await lab.Speaker.SetPeerAsync(lab.Peer("v4", routerAsn: SpeakerLab.OurAsn));
        await lab.Speaker.SetPeerAsync(lab.Peer("v6", ipv6: true, routerAsn: SpeakerLab.OurAsn));
        var v4 = Find(await lab.WaitForRoutesAsync(BgpFamily.Ipv4, rib => Find(rib, "198.51.100.10/32") is not null), "198.51.100.10/32")!;
        var v6 = Find(await lab.WaitForRoutesAsync(BgpFamily.Ipv6, rib => Find(rib, "2001:db8:c0de::10/128") is not null), "2001:db8:c0de::10/128")!;

        Assert.Equal((IPAddress.Parse(lab.Link.NodeIpv4), 250u), (v4.NextHop, v4.LocalPref));
        Assert.Equal(["64512:100"], v4.Communities);
        Assert.Equal(["64512:1:2"], v4.LargeCommunities);
        Assert.Empty(v4.AsPath);
        Assert.Equal((IPAddress.Parse(lab.Link.NodeIpv6), 150u), (v6.NextHop, v6.LocalPref));
        Assert.Equal(["64512:200", "64512:201"], v6.Communities.Order());
        Assert.Equal(["4200000000:7:8"], v6.LargeCommunities);
    }

    [RootTheory]
    [InlineData(BgpRouterKind.GoBgp)]
    [InlineData(BgpRouterKind.Bird)]
    [InlineData(BgpRouterKind.Frr)]
    public async Task DualStack_CarriesIpv6RoutesOverTheIpv4Session_WithTheInterfacesIpv6NextHop(BgpRouterKind kind)
    {
        await using var lab = await SpeakerLab.StartAsync(kind);
        lab.Speaker.Advertise("v4", [SpeakerLab.Route("198.51.100.11/32"), SpeakerLab.Route("2001:db8:c0de::11/128")]);

        await lab.Speaker.SetPeerAsync(lab.Peer("v4") with { DualStack = true });
        var v6 = Find(await lab.WaitForRoutesAsync(BgpFamily.Ipv6, rib => Find(rib, "2001:db8:c0de::11/128") is not null), "2001:db8:c0de::11/128")!;
        var v4 = Find(await lab.WaitForRoutesAsync(BgpFamily.Ipv4, rib => Find(rib, "198.51.100.11/32") is not null), "198.51.100.11/32")!;

        Assert.Equal(IPAddress.Parse(lab.Link.NodeIpv6), v6.NextHop);
        Assert.Equal(IPAddress.Parse(lab.Link.NodeIpv4), v4.NextHop);
        Assert.Equal([SpeakerLab.OurAsn], v6.AsPath);
    }

    [RootTheory]
    [InlineData(BgpRouterKind.GoBgp)]
    [InlineData(BgpRouterKind.Bird)]
    [InlineData(BgpRouterKind.Frr)]
    public async Task WithdrawingOneRoute_AndChangingAnother_TakeEffectWithoutASessionReset(BgpRouterKind kind)
    {
        await using var lab = await SpeakerLab.StartAsync(kind);
        lab.Speaker.Advertise("v6", [SpeakerLab.Route("2001:db8:c0de::1/128"), SpeakerLab.Route("2001:db8:c0de::2/128"), SpeakerLab.Route("2001:db8:c0de::3/128")]);
        await lab.Speaker.SetPeerAsync(lab.Peer("v6", ipv6: true));
        await lab.WaitForRoutesAsync(BgpFamily.Ipv6, rib => rib.Count == 3);

        lab.Speaker.Withdraw("v6", Domain.Net.IpPrefix.Parse("2001:db8:c0de::2/128"));
        lab.Speaker.Advertise("v6", SpeakerLab.Route("2001:db8:c0de::3/128", null, [(64512, 3)], [(64512, 3, 3)]));
        var rib = await lab.WaitForRoutesAsync(BgpFamily.Ipv6, rib => rib.Count == 2 && Find(rib, "2001:db8:c0de::3/128")?.Communities.Count == 1);
        var status = lab.Speaker.Peer("v6")!;

        Assert.Equal(["2001:db8:c0de::1/128", "2001:db8:c0de::3/128"], rib.Select(r => r.Prefix.ToString()).Order());
        Assert.Equal(["64512:3:3"], Find(rib, "2001:db8:c0de::3/128")!.LargeCommunities);
        Assert.Equal((1L, 0L, true), (status.SessionsEstablished, status.SessionsLost, status.Up));
        Assert.Equal(BgpSessionState.Established, await lab.Router.NeighborStateAsync(lab.Link.NodeIpv6));
    }

    [RootTheory]
    [InlineData(BgpRouterKind.GoBgp)]
    [InlineData(BgpRouterKind.Bird)]
    [InlineData(BgpRouterKind.Frr)]
    public async Task AfterTheRouterRestarts_TheSessionComesBack_AndSoDoTheRoutes(BgpRouterKind kind)
    {
        await using var lab = await SpeakerLab.StartAsync(kind);
        lab.Speaker.Advertise("v4", SpeakerLab.Route("198.51.100.12/32", null, [(64512, 12)]));
        await lab.Speaker.SetPeerAsync(lab.Peer("v4"));
        await lab.WaitForRoutesAsync(BgpFamily.Ipv4, rib => Find(rib, "198.51.100.12/32") is not null);

        await lab.Router.RestartAsync();
        var rib = await lab.WaitForRoutesAsync(BgpFamily.Ipv4, rib => Find(rib, "198.51.100.12/32") is not null);
        var status = await lab.WaitForAsync("v4", s => s.Up);

        Assert.Equal(["64512:12"], Find(rib, "198.51.100.12/32")!.Communities);
        Assert.Equal((2L, 1L), (status.SessionsEstablished, status.SessionsLost));
    }

    [RootTheory]
    [InlineData(BgpRouterKind.GoBgp)]
    [InlineData(BgpRouterKind.Bird)]
    [InlineData(BgpRouterKind.Frr)]
    public async Task Md5_TheRightPasswordComesUp_AndAWrongOneGetsNoSession_WithAStatusNamingThePassword(BgpRouterKind kind)
    {
        await using var lab = await SpeakerLab.StartAsync(kind, neighbor: n => n with { Password = "mlb-md5-secret" });
        lab.Speaker.Advertise("right", SpeakerLab.Route("198.51.100.13/32"));

        await lab.Speaker.SetPeerAsync(lab.Peer("right") with { Password = "mlb-md5-secret" });
        await lab.Speaker.SetPeerAsync(lab.Peer("wrong", ipv6: true) with { Password = "not-the-secret" });
        await lab.WaitForRoutesAsync(BgpFamily.Ipv4, rib => Find(rib, "198.51.100.13/32") is not null);
        var wrong = await lab.WaitForAsync("wrong", s => s.LastError is not null);

        Assert.True(lab.Speaker.Peer("right")!.Up);
        Assert.False(wrong.Up);
        Assert.StartsWith("MD5: no answer from peer (TCP-MD5 mismatch or missing)", wrong.LastError, StringComparison.Ordinal);
        Assert.NotEqual(BgpSessionState.Established, await lab.Router.NeighborStateAsync(lab.Link.NodeIpv6));
    }

    [RootTheory]
    [InlineData(BgpRouterKind.GoBgp)]
    [InlineData(BgpRouterKind.Bird)]
    [InlineData(BgpRouterKind.Frr)]
    public async Task AFrozenRouter_IsDetectedByTheHoldTimer(BgpRouterKind kind)
    {
        await using var lab = await SpeakerLab.StartAsync(kind, neighbor: n => n with { HoldTime = 3 });
        await lab.Speaker.SetPeerAsync(lab.Peer("v4") with { HoldTime = TimeSpan.FromSeconds(3) });
        var up = await lab.WaitForAsync("v4", s => s.Up);

        await lab.Router.FreezeAsync();
        var down = await lab.WaitForAsync("v4", s => !s.Up);
        await lab.Router.ThawAsync();

        Assert.Equal(TimeSpan.FromSeconds(3), up.HoldTime);
        Assert.Equal("hold timer expired", down.LastError);
    }
}
