using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Validation;

namespace MetalLb.Domain.Tests.Validation;

public class CommunityRulesTests
{
    public static TheoryData<string, Community[], string> Failing => new()
    {
        {
            "C1 e2e: section out of range",
            [Communities("c", ("bad", "99999999:1"))],
            "parsing community \"bad\": invalid community value: invalid section"
        },
        {
            "C1 e2e: wrong large marker",
            [Communities("c", ("bad", "lar:123:9999:123"))],
            "parsing community \"bad\": invalid community value: invalid marker for large community, expected community to be of format large"
        },
        {
            "C1 three sections",
            [Communities("c", ("bad", "1:2:3"))],
            "parsing community \"bad\": invalid community format: 1:2:3"
        },
        {
            "C2 duplicate alias across Community objects",
            [Communities("c1", ("gold", "65000:1")), Communities("c2", ("gold", "65000:2"))],
            "duplicate definition of community \"gold\" (already defined in Community \"c1\")"
        },
        {
            "C2 duplicate alias inside one Community",
            [Communities("c", ("gold", "65000:1"), ("gold", "65000:1"))],
            "duplicate definition of community \"gold\""
        },
        {
            "alias without a name",
            [Communities("c", ("", "65000:1"))],
            "missing community name"
        },
        {
            "alias without a value",
            [Communities("c", ("gold", ""))],
            "parsing community \"gold\": missing community value"
        },
    };

    public static TheoryData<string, Community[]> Passing => new()
    {
        { "C1 standard and large values", [Communities("c", ("gold", "65000:1"), ("silver", "large:1:2:3"))] },
        { "C2 distinct aliases across objects", [Communities("c1", ("gold", "65000:1")), Communities("c2", ("silver", "65000:1"))] },
        { "C3 not applied: large value in native mode", [Communities("c", ("big", "large:4294967295:0:1"))] },
        { "no Community at all", [] },
    };

    [Theory]
    [MemberData(nameof(Failing))]
    public void Check_WhenRuleBroken_ReportsError(string rule, Community[] communities, string fragment)
    {
        var result = TestObjects.Validate(new ConfigSource { Communities = communities });

        Assert.False(result.IsValid, rule);
        result.SingleError(fragment);
        Assert.True(result.Errors.Count() == 1, $"{rule}: {string.Join("; ", result.Problems)}");
    }

    [Theory]
    [MemberData(nameof(Passing))]
    public void Check_WhenRulesHold_ReportsNothing(string rule, Community[] communities)
    {
        var result = TestObjects.Validate(new ConfigSource { Communities = communities });

        Assert.True(result.IsValid, $"{rule}: {string.Join("; ", result.Problems)}");
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Check_WhenValid_ReturnsAliasMap()
    {
        var ctx = new ValidationContext(
            new ConfigSource
            {
                Communities =
                [
                    Communities("c2", ("silver", "large:1:2:3")),
                    Communities("c1", ("gold", "65000:100"), ("bronze", "0:1")),
                ],
            },
            ValidationOptions.Default);

        var aliases = CommunityRules.Check(ctx);

        Assert.Empty(ctx.Problems.Problems);
        Assert.Equal(3, aliases.Count);
        Assert.Equal(BgpCommunity.Standard(65000, 100), aliases["gold"]);
        Assert.Equal(BgpCommunity.Standard(0, 1), aliases["bronze"]);
        Assert.Equal(BgpCommunity.Large(1, 2, 3), aliases["silver"]);
    }

    [Fact]
    public void Check_WhenDuplicate_ReportsTheLaterObjectByName()
    {
        var result = TestObjects.Validate(new ConfigSource
        {
            Communities = [Communities("b", ("gold", "65000:2")), Communities("a", ("gold", "65000:1"))],
        });

        var problem = result.SingleError("duplicate definition of community \"gold\"");

        Assert.Equal("b", problem.Object.Name);
        Assert.Equal("spec.communities[0].name", problem.Field);
    }

    [Fact]
    public void Check_WhenValueInvalid_LeavesAliasOutOfTheMap()
    {
        var ctx = new ValidationContext(
            new ConfigSource { Communities = [Communities("c", ("bad", "1:2:3"), ("good", "1:2"))] },
            ValidationOptions.Default);

        var aliases = CommunityRules.Check(ctx);

        Assert.Equal(["good"], aliases.Keys);
        Assert.Equal("spec.communities[0].value", Assert.Single(ctx.Problems.Problems).Field);
    }

    internal static Community Communities(string name, params (string Name, string Value)[] aliases) =>
        new(TestObjects.Meta(name), new CommunitySpec
        {
            Communities = aliases.Select(a => new CommunityAlias { Name = a.Name, Value = a.Value }).ToArray(),
        });
}
