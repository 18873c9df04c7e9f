using MetalLb.Domain.Config;
using static MetalLb.Domain.Tests.TestObjects;

namespace MetalLb.Domain.Tests.Validation;

public class L2AdvertisementRulesTests
{
    private static ConfigSource With(L2AdvertisementSpec spec) => new()
    {
        Pools =
        [
            Pool("first-pool", "192.168.10.0/24"),
            new IpAddressPool(Meta("labelled", Labels("zone=a")), new IpAddressPoolSpec { Addresses = ["10.0.0.0/24"] }),
        ],
        L2Advertisements = [new L2Advertisement(Meta("default"), spec)],
    };

    [Fact]
    public void Validate_WhenNoPoolsNamed_SelectsAllPools()
    {
        var result = Validate(With(new L2AdvertisementSpec()));

        Assert.Equal(["first-pool", "labelled"], Assert.Single(result.Config!.L2Ads).Pools.Order());
    }

    [Fact]
    public void Validate_WhenNamesAndSelectorsGiven_SelectsTheirUnionAndIgnoresUnknownNames()
    {
        var spec = new L2AdvertisementSpec
        {
            IPAddressPools = ["first-pool", "missing"],
            IPAddressPoolSelectors = [new LabelSelector { MatchLabels = Labels("zone=a") }],
        };

        var result = Validate(With(spec));

        Assert.Equal(["first-pool", "labelled"], Assert.Single(result.Config!.L2Ads).Pools.Order());
    }

    [Fact]
    public void Validate_WhenPoolNamedTwice_ReportsDuplicate()
    {
        var result = Validate(With(new L2AdvertisementSpec { IPAddressPools = ["first-pool", "first-pool"] }));

        Assert.Equal("spec.ipAddressPools[1]", result.SingleError("duplicate definition of ipAddressPools \"first-pool\"").Field);
    }

    [Theory]
    [InlineData("nodeSelectors")]
    [InlineData("serviceSelectors")]
    [InlineData("ipAddressPoolSelectors")]
    public void Validate_WhenSelectorRepeats_ReportsDuplicate(string list)
    {
        var selector = new LabelSelector { MatchLabels = Labels("a=b") };
        var spec = list switch
        {
            "nodeSelectors" => new L2AdvertisementSpec { NodeSelectors = [selector, selector] },
            "serviceSelectors" => new L2AdvertisementSpec { ServiceSelectors = [selector, selector] },
            _ => new L2AdvertisementSpec { IPAddressPoolSelectors = [selector, selector] },
        };

        var result = Validate(With(spec));

        result.SingleError($"duplicate definition of {list} \"a=b\"");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Validate_WhenPreferredWeightOutOfRange_Reports(int weight)
    {
        var spec = new L2AdvertisementSpec
        {
            PreferredNodeSelectors = [new PreferredNodeSelector { Weight = weight, Preference = new LabelSelector() }],
        };

        var result = Validate(With(spec));

        result.SingleError($"invalid preferred node selector weight {weight}: must be in 1-100 range");
    }

    [Fact]
    public void Validate_WhenPreferredSelectorInvalid_Reports()
    {
        var spec = new L2AdvertisementSpec
        {
            PreferredNodeSelectors =
            [
                new PreferredNodeSelector
                {
                    Weight = 10,
                    Preference = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "k", Operator = "Bad" }] },
                },
            ],
        };

        var result = Validate(With(spec));

        result.SingleError("invalid preferred node selector at index 0");
    }

    [Fact]
    public void Validate_WhenValid_KeepsInterfacesAndWeights()
    {
        var spec = new L2AdvertisementSpec
        {
            Interfaces = ["eth0"],
            PreferredNodeSelectors = [new PreferredNodeSelector { Weight = 50, Preference = new LabelSelector { MatchLabels = Labels("zone=a") } }],
        };

        var ad = Assert.Single(Validate(With(spec)).Config!.L2Ads);

        Assert.Equal(["eth0"], ad.Interfaces);
        Assert.Equal(50, Assert.Single(ad.PreferredNodes).Weight);
    }
}
