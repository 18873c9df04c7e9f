using MetalLb.Layer2.Codecs;
using MetalLb.Layer2.Interfaces;

namespace MetalLb.Layer2.Tests;

public class InterfaceSelectorTests
{
    private static readonly InterfaceSelector Selector = new(InterfaceSelector.DefaultExcludes);

    private static InterfaceInfo Eth(string name, uint flags = InterfaceInfo.Up | InterfaceInfo.Broadcast, bool ethernet = true,
        bool enslaved = false, bool carrier = true, bool linkLocal = true) =>
        new(name, MacAddress.Parse("02:00:00:00:00:01"), flags, ethernet, enslaved, carrier, linkLocal);

    [Theory]
    [InlineData("eth0", null)]
    [InlineData("bond0", null)]
    [InlineData("veth1234", "excluded by \"^veth.*\"")]
    [InlineData("docker0", "excluded by \"^docker.*\"")]
    [InlineData("cali9f2", "excluded by \"^cali.*\"")]
    [InlineData("kube-ipvs0", "excluded by \"^kube-ipvs.*\"")]
    [InlineData("lo", "excluded by \"^lo$\"")]
    [InlineData("lo1", null)]
    public void DefaultExcludes_AreMetalLbsHelmDefaults(string name, string? expected) =>
        Assert.Equal(expected, Selector.WhyNotArp(Eth(name)));

    [Fact]
    public void Down_NoCarrier_NoBroadcast_NoArp_NotEthernet_Enslaved_AreNotUsed()
    {
        Assert.Equal("down", Selector.WhyNotArp(Eth("eth0", flags: InterfaceInfo.Broadcast)));
        Assert.Equal("no carrier", Selector.WhyNotArp(Eth("eth0", carrier: false)));
        Assert.Equal("no broadcast", Selector.WhyNotArp(Eth("eth0", flags: InterfaceInfo.Up)));
        Assert.Equal("NOARP", Selector.WhyNotArp(Eth("eth0", flags: InterfaceInfo.Up | InterfaceInfo.Broadcast | InterfaceInfo.NoArp)));
        Assert.Equal("not Ethernet", Selector.WhyNotArp(Eth("wg0", ethernet: false)));
        Assert.Equal("enslaved to a bond or bridge", Selector.WhyNotArp(Eth("eth1", enslaved: true)));
    }

    [Fact]
    public void Ndp_AlsoNeedsALinkLocalAddress()
    {
        Assert.Null(Selector.WhyNotNdp(Eth("eth0")));
        Assert.Equal("no IPv6 link-local address", Selector.WhyNotNdp(Eth("eth0", linkLocal: false)));
    }

    [Fact]
    public void Usable_IsRestrictedToTheAdvertisementsInterfaces_WhenItNamesAny()
    {
        InterfaceInfo[] all = [Eth("eth1"), Eth("eth0"), Eth("eth2", carrier: false), Eth("veth0")];

        Assert.Equal(["eth0", "eth1"], Selector.Usable(all, [], ipv6: false).Select(i => i.Name));
        Assert.Equal(["eth1"], Selector.Usable(all, ["eth1", "eth2"], ipv6: false).Select(i => i.Name));
    }

    [Fact]
    public void ConfiguredExcludes_ReplaceTheDefaults()
    {
        var selector = new InterfaceSelector(["^eth1$"]);

        Assert.Null(selector.WhyNotArp(Eth("veth0")));
        Assert.NotNull(selector.WhyNotArp(Eth("eth1")));
    }

    [Fact]
    public void SysfsInterfaces_ReadsThisNamespacesLoopbackAsNotEthernet()
    {
        var lo = Assert.Single(SysfsInterfaces.Read(), i => i.Name == "lo");

        Assert.False(lo.IsEthernet);
        Assert.Equal("not Ethernet", Selector.WhyNotArp(lo));
    }
}
