using MetalLb.Domain.Config;
using MetalLb.Domain.Validation;
using static MetalLb.Domain.Tests.TestObjects;

namespace MetalLb.Domain.Tests.Validation;

public class PoolWriteValidatorTests
{
    private static readonly ValidationOptions Options = ValidationOptions.Default;

    [Fact]
    public void Validate_WhenNewPoolOverlaps_NamesBothPoolsAndCidrs()
    {
        var current = new ConfigSource { Pools = [Pool("a", "10.0.0.0/24"), Pool("b", "10.0.1.0/24")] };

        var result = Fast(current, Pool("c", "10.0.1.128/25"))!;

        Assert.Equal(
            "CIDR \"10.0.1.128/25\" in pool \"c\" overlaps with already defined CIDR \"10.0.1.0/24\" in pool \"b\"",
            Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Validate_WhenAPoolIsUpdatedOverItsOwnAddresses_Accepts()
    {
        var current = new ConfigSource { Pools = [Pool("a", "10.0.0.0/24")] };

        var result = Fast(current, Pool("a", "10.0.0.0/23"))!;

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }

    [Fact]
    public void Validate_WhenTheNewPoolIsInvalid_ReportsItsOwnErrors()
    {
        var result = Fast(new ConfigSource { Pools = [Pool("a", "10.0.0.0/24")] }, Pool("b", "10.0.0.0/33"))!;

        Assert.Contains("invalid CIDR \"10.0.0.0/33\"", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenBgpAdvertisementsExist_DeclinesTheFastPath()
    {
        var current = new ConfigSource
        {
            Pools = [Pool("a", "10.0.0.0/24")],
            BgpAdvertisements = [new BgpAdvertisement(Meta("ad"), new BgpAdvertisementSpec())],
        };

        Assert.Null(Fast(current, Pool("b", "10.0.1.0/24")));
    }

    [Fact]
    public void Validate_AgreesWithFullValidation_OnRandomPoolWrites()
    {
        var random = new Random(7);
        for (var run = 0; run < 500; run++)
        {
            var pools = new List<IpAddressPool>();
            var n = random.Next(0, 30);
            for (var i = 0; i < n; i++)
            {
                pools.Add(Pool($"p{i}", RandomAddress(random)));
            }

            var current = new ConfigSource { Pools = pools };
            var currentResult = ConfigValidator.Validate(current, Options);
            if (!currentResult.IsValid)
            {
                continue;
            }

            var name = random.Next(3) == 0 && n > 0 ? $"p{random.Next(n)}" : "new";
            var incoming = Pool(name, RandomAddress(random), RandomAddress(random));
            var next = new ConfigSource { Pools = [.. pools.Where(p => p.Metadata.Name != name), incoming] };

            var full = ConfigValidator.Validate(next, Options);
            var fast = PoolWriteValidator.Validate(current, currentResult, PoolAddressIndex.Build(currentResult.Config!.Pools), incoming, Options)!;

            Assert.True(full.IsValid == fast.IsValid, $"run {run}: full says\n{string.Join("\n", full.Problems)}\nfast says\n{string.Join("\n", fast.Problems)}");
        }
    }

    private static ValidationResult? Fast(ConfigSource current, IpAddressPool incoming)
    {
        var currentResult = ConfigValidator.Validate(current, Options);
        return PoolWriteValidator.Validate(current, currentResult, PoolAddressIndex.Build(currentResult.Config!.Pools), incoming, Options);
    }

    private static string RandomAddress(Random random)
    {
        var start = (uint)random.Next(0, 4096);
        if (random.Next(2) == 0)
        {
            var length = random.Next(22, 33);
            return $"10.0.{start >> 8}.{start & 0xFF}/{length}";
        }

        var end = Math.Min(4095, start + (uint)random.Next(0, 300));
        return $"10.0.{start >> 8}.{start & 0xFF}-10.0.{end >> 8}.{end & 0xFF}";
    }
}
