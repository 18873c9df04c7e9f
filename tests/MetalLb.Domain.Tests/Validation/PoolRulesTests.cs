using MetalLb.Domain.Config;
using MetalLb.Domain.Net;
using static MetalLb.Domain.Tests.TestObjects;

namespace MetalLb.Domain.Tests.Validation;

public class PoolRulesTests
{
    [Theory]
    [InlineData("192.168.10.0/24")]
    [InlineData("192.168.250.48-192.168.250.55")]
    [InlineData("1.2.3.1 - 1.2.3.5")]
    [InlineData("fc00::/124")]
    [InlineData("2001:db8::1-2001:db8::ff")]
    [InlineData("1.2.3.4/32")]
    public void Validate_WhenAddressIsValid_Accepts(string address)
    {
        var result = Validate(new ConfigSource { Pools = [Pool("p", address)] });

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }

    [Theory]
    [InlineData("1.2.3.0/33", "invalid CIDR \"1.2.3.0/33\" in pool \"p\": invalid CIDR \"1.2.3.0/33\"")]
    [InlineData("1.2.3.4", "invalid CIDR \"1.2.3.4\" in pool \"p\"")]
    [InlineData("300.1.1.1/24", "invalid CIDR \"300.1.1.1/24\"")]
    [InlineData("1.2.3.x-1.2.3.5", "invalid IP range \"1.2.3.x-1.2.3.5\": invalid start IP \"1.2.3.x\"")]
    [InlineData("1.2.3.1-1.2.3", "invalid IP range \"1.2.3.1-1.2.3\": invalid end IP \"1.2.3\"")]
    [InlineData("1.2.3.9-1.2.3.5", "start IP \"1.2.3.9\" is after the end IP \"1.2.3.5\"")]
    [InlineData("1.2.3.1-2001:db8::1", "are of different families")]
    public void Validate_WhenAddressIsInvalid_NamesPoolAndValue(string address, string message)
    {
        var result = Validate(new ConfigSource { Pools = [Pool("p", address)] });

        var error = result.SingleError(message);
        Assert.Equal("IPAddressPool", error.Object.Kind);
        Assert.Equal("p", error.Object.Name);
        Assert.Equal("spec.addresses[0]", error.Field);
    }

    [Fact]
    public void Validate_WhenNoAddresses_ReportsNoPrefixes()
    {
        var result = Validate(new ConfigSource { Pools = [Pool("p")] });

        Assert.Equal("spec.addresses", result.SingleError("pool has no prefixes defined").Field);
    }

    [Fact]
    public void Validate_WhenNameMissing_ReportsMissingPoolName()
    {
        var result = Validate(new ConfigSource { Pools = [Pool("", "10.0.0.0/24")] });

        result.SingleError("missing pool name");
    }

    [Fact]
    public void Validate_WhenSameNameTwice_ReportsDuplicateDefinition()
    {
        var result = Validate(new ConfigSource { Pools = [Pool("p", "10.0.0.0/24"), Pool("p", "10.0.1.0/24")] });

        result.SingleError("duplicate definition of pool \"p\"");
    }

    [Fact]
    public void Validate_WhenPoolsOverlap_NamesBothPoolsAndBothCidrs()
    {
        var result = Validate(new ConfigSource { Pools = [Pool("a", "10.0.0.0/16"), Pool("b", "10.0.3.0/24")] });

        var error = result.SingleError("overlaps");
        Assert.Equal(
            "CIDR \"10.0.3.0/24\" in pool \"b\" overlaps with already defined CIDR \"10.0.0.0/16\" in pool \"a\"",
            error.Message);
        Assert.Equal("b", error.Object.Name);
    }

    [Fact]
    public void Validate_WhenEntriesOfOnePoolOverlap_ReportsIt()
    {
        var result = Validate(new ConfigSource { Pools = [Pool("a", "10.0.0.0/24", "10.0.0.10-10.0.0.20")] });

        var error = result.SingleError("overlaps");
        Assert.Contains("in pool \"a\" overlaps with already defined CIDR \"10.0.0.0/24\" in pool \"a\"", error.Message);
        Assert.Contains("is part of range \"10.0.0.10-10.0.0.20\"", error.Message);
    }

    [Fact]
    public void Validate_WhenRangesTouchButDoNotOverlap_Accepts()
    {
        var result = Validate(new ConfigSource
        {
            Pools = [Pool("a", "10.0.0.1-10.0.0.9"), Pool("b", "10.0.0.10-10.0.0.20"), Pool("c", "2001:db8::/64", "10.0.0.0/32")],
        });

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }

    [Fact]
    public void Validate_WhenManyPoolsNest_ReportsEachOverlappingCidrOnce()
    {
        var result = Validate(new ConfigSource
        {
            Pools = [Pool("a", "10.0.0.0/8"), Pool("b", "10.1.0.0/16"), Pool("c", "10.1.2.0/24"), Pool("d", "11.0.0.0/8")],
        });

        Assert.Equal(2, result.Errors.Count());
        Assert.All(result.Errors, e => Assert.Contains("\"10.0.0.0/8\" in pool \"a\"", e.Message));
    }

    [Fact]
    public void Validate_WhenNamespacesRepeat_ReportsDuplicate()
    {
        var spec = new IpAddressPoolSpec
        {
            Addresses = ["10.0.0.0/24"],
            ServiceAllocation = new ServiceAllocation { Namespaces = ["a", "a"] },
        };

        var result = Validate(new ConfigSource { Pools = [Pool("p", spec)] });

        result.SingleError("duplicate definition in namespaces field");
    }

    [Theory]
    [InlineData("dup-selector", "duplicate definition of serviceSelectors \"app=web\"")]
    [InlineData("dup-expression", "duplicate definition of match expressions \"tier=a\"")]
    [InlineData("dup-value", "duplicate definition of match expression value in label selector \"tier\": \"a\"")]
    [InlineData("bad-operator", "\"Equals\" is not a valid label selector operator")]
    [InlineData("bad-key", "label key \"-bad\"")]
    [InlineData("in-without-values", "values for operator In on key \"tier\" must not be empty")]
    [InlineData("exists-with-values", "values for operator Exists on key \"tier\" must be empty")]
    public void Validate_WhenServiceSelectorsAreInvalid_ReportsWhy(string scenario, string message)
    {
        var web = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } };
        LabelSelector Expr(string key, string op, params string[] values) =>
            new() { MatchExpressions = [new LabelSelectorRequirement { Key = key, Operator = op, Values = values }] };
        IReadOnlyList<LabelSelector> selectors = scenario switch
        {
            "dup-selector" => [web, web],
            "dup-expression" => [new LabelSelector
            {
                MatchExpressions =
                [
                    new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["a"] },
                    new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["a"] },
                ],
            }],
            "dup-value" => [Expr("tier", "In", "a", "a")],
            "bad-operator" => [Expr("tier", "Equals", "a")],
            "bad-key" => [Expr("-bad", "Exists")],
            "in-without-values" => [Expr("tier", "In")],
            _ => [Expr("tier", "Exists", "a")],
        };
        var spec = new IpAddressPoolSpec
        {
            Addresses = ["10.0.0.0/24"],
            ServiceAllocation = new ServiceAllocation { ServiceSelectors = selectors },
        };

        var result = Validate(new ConfigSource { Pools = [Pool("p", spec)] });

        Assert.StartsWith("spec.serviceAllocation.serviceSelectors[", result.SingleError(message).Field);
    }

    [Fact]
    public void Validate_WhenValid_BuildsPoolWithDefaults()
    {
        var spec = new IpAddressPoolSpec
        {
            Addresses = ["192.168.250.48-192.168.250.55"],
            ServiceAllocation = new ServiceAllocation { Priority = 5, Namespaces = ["web"] },
        };

        var result = Validate(new ConfigSource { Pools = [Pool("p", spec)] });

        var pool = Assert.Single(result.Config!.Pools);
        Assert.True(pool.AutoAssign);
        Assert.False(pool.AvoidBuggyIPs);
        Assert.Equal(5, pool.Allocation!.Priority);
        Assert.Equal("192.168.250.48/29", Assert.Single(pool.Entries[0].Prefixes).ToString());
    }

    [Theory]
    [InlineData(false, 384)]
    [InlineData(true, 381)]
    public void Capacity_MatchesMetalLbExamples(bool avoidBuggy, long expected)
    {
        var spec = new IpAddressPoolSpec { Addresses = ["1.2.3.0/24", "2.3.4.128/25"], AvoidBuggyIPs = avoidBuggy };

        var pool = Assert.Single(Validate(new ConfigSource { Pools = [Pool("p", spec)] }).Config!.Pools);

        Assert.Equal((UInt128)expected, pool.Capacity(IpFamily.V4));
    }

    [Fact]
    public void Capacity_MixedFamiliesWithAvoidBuggyIPs_CountsPerFamily()
    {
        var spec = new IpAddressPoolSpec { Addresses = ["1.2.3.0/31", "1000::/127"], AvoidBuggyIPs = true };

        var pool = Assert.Single(Validate(new ConfigSource { Pools = [Pool("p", spec)] }).Config!.Pools);

        Assert.Equal((UInt128)1, pool.Capacity(IpFamily.V4));
        Assert.Equal((UInt128)2, pool.Capacity(IpFamily.V6));
    }

    [Theory]
    [InlineData("1.2.3.0/32", 0)]
    [InlineData("1.2.3.255/32", 0)]
    [InlineData("1.2.3.4/32", 1)]
    [InlineData("1.2.3.254/31", 1)]
    public void Capacity_WithAvoidBuggyIPs_NeverGoesNegative(string cidr, long expected)
    {
        var spec = new IpAddressPoolSpec { Addresses = [cidr], AvoidBuggyIPs = true };

        var pool = Assert.Single(Validate(new ConfigSource { Pools = [Pool("p", spec)] }).Config!.Pools);

        Assert.Equal((UInt128)expected, pool.Capacity(IpFamily.V4));
    }

    [Fact]
    public void Capacity_OfIpv6Slash64_IsExact()
    {
        var pool = Assert.Single(Validate(new ConfigSource { Pools = [Pool("p", "2001:db8::/64", "2001:db8:1::/64")] }).Config!.Pools);

        Assert.Equal(UInt128.One << 65, pool.Capacity(IpFamily.V6));
    }
}
