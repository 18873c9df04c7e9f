using System.Net;
using MetalLb.Announcer.Bgp;
using MetalLb.Bgp.Attributes;
using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Announcer.Tests.Bgp;

public class NativePeerMapperTests
{
    internal static BgpPeerConfig Config(string name = "router", string? address = "192.0.2.1", uint? peerAsn = 64513) => new(
        name, 64512, peerAsn, null, null, address, null, null, 179, null, null, null, null, null, null, null, false, false, "", false);

    [Fact]
    public void AFullPeer_MapsEveryFieldTheNativeSpeakerUses()
    {
        var config = Config() with
        {
            LocalAsn = 4_200_000_000,
            SourceAddress = "192.0.2.10",
            Port = 1179,
            HoldTime = TimeSpan.FromSeconds(9.7),
            KeepaliveTime = TimeSpan.FromSeconds(3),
            RouterId = "192.0.2.99",
            EnableGracefulRestart = true,
            EbgpMultiHop = true,
            DualStackAddressFamily = true,
        };

        var plan = NativePeerMapper.Plan(new ResolvedPeer(config, "s3cret"));

        var options = Assert.IsType<MetalLb.Bgp.Speaker.BgpPeerOptions>(plan.Options);
        Assert.Null(plan.Problem);
        Assert.Equal("192.0.2.1:1179", plan.Endpoint);
        Assert.Equal((IPAddress.Parse("192.0.2.1"), 1179, 4_200_000_000u, 64513u), (options.Address, options.Port, options.LocalAsn, options.PeerAsn));
        Assert.Equal((IPAddress.Parse("192.0.2.10"), IPAddress.Parse("192.0.2.99"), TimeSpan.FromSeconds(9)), (options.SourceAddress, options.RouterId, options.HoldTime));
        Assert.Equal(("s3cret", true, true, true), (options.Password, options.GracefulRestart, options.EbgpMultiHop, options.DualStack));
        Assert.DoesNotContain("s3cret", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NoHoldTime_LeavesTheSpeakersDefault_AndAnIpv6PeerGetsABracketedEndpoint()
    {
        var plan = NativePeerMapper.Plan(new ResolvedPeer(Config(address: "2001:db8::1"), null));

        Assert.Null(plan.Options!.HoldTime);
        Assert.Null(plan.Options.Password);
        Assert.Equal("[2001:db8::1]:179", plan.Endpoint);
    }

    public static TheoryData<BgpPeerConfig, string> Refused => new()
    {
        { Config() with { PasswordProblem = "secret metallb-system/pw not found" }, "password: secret metallb-system/pw not found; the session is not attempted" },
        { Config(address: null) with { Interface = "eth1" }, "unnumbered BGP (interface eth1) is not supported by the native speaker" },
        { Config(peerAsn: null) with { DynamicAsn = "external" }, "dynamicASN external is not supported by the native speaker" },
        { Config() with { Vrf = "red" }, "vrf red is not supported by the native speaker" },
        { Config() with { BfdProfile = "fast" }, "BFD (profile fast) is not supported by the native speaker" },
        { Config() with { RouterId = "2001:db8::1" }, "router ID 2001:db8::1 is not an IPv4 address" },
        { Config() with { SourceAddress = "nope" }, "source address nope is not an IP address" },
        { Config() with { HoldTime = TimeSpan.FromSeconds(2) }, "hold time 00:00:02 or port 179 out of range (hold 0 or 3-65535 s)" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void WhatTheNativeSpeakerCannotDo_IsRefusedWithTheReason(BgpPeerConfig config, string problem)
    {
        var plan = NativePeerMapper.Plan(new ResolvedPeer(config, null));

        Assert.Null(plan.Options);
        Assert.Equal(problem, plan.Problem);
    }

    [Fact]
    public void Routes_CarryLocalPrefAndBothKindsOfCommunity()
    {
        var route = NativePeerMapper.Route(new RouteAdvertisement("203.0.113.7/32", "router", 300, ["64512:7", "large:4200000000:1:2", "1:1"]));

        Assert.Equal(("203.0.113.7/32", 300u), (route.Prefix.ToString(), route.Attributes.LocalPref));
        Assert.Equal([Community.Of(1, 1), Community.Of(64512, 7)], route.Attributes.Communities);
        Assert.Equal([new LargeCommunity(4_200_000_000, 1, 2)], route.Attributes.LargeCommunities);
    }

    [Fact]
    public void LocalPrefZero_MeansNone_AndBadTextIsRefused()
    {
        Assert.Null(NativePeerMapper.Route(new RouteAdvertisement("2001:db8::7/128", "router", 0, [])).Attributes.LocalPref);
        Assert.Throws<FormatException>(() => NativePeerMapper.Route(new RouteAdvertisement("203.0.113.7/33", "router", 0, [])));
        Assert.Throws<FormatException>(() => NativePeerMapper.Route(new RouteAdvertisement("203.0.113.7/32", "router", 0, ["70000:1"])));
    }
}
