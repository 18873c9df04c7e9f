using System.Text;
using MetalLb.Domain.Model;
using MetalLb.Domain.Validation;

namespace MetalLb.Domain.Tests.Validation;

public class BgpCommunityParserTests
{
    public static TheoryData<string, BgpCommunity> Valid => new()
    {
        { "0:0", BgpCommunity.Standard(0, 0) },
        { "12345:12345", BgpCommunity.Standard(12345, 12345) },
        { "65535:65535", BgpCommunity.Standard(65535, 65535) },
        { "007:1", BgpCommunity.Standard(7, 1) },
        { "large:12345:12345:12345", BgpCommunity.Large(12345, 12345, 12345) },
        { "large:0:0:0", BgpCommunity.Large(0, 0, 0) },
        { "large:4294967295:1:4294967295", BgpCommunity.Large(uint.MaxValue, 1, uint.MaxValue) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParse_WhenValid_ReturnsCommunity(string text, BgpCommunity expected)
    {
        var ok = BgpCommunityParser.TryParse(text, out var value, out var error);

        Assert.True(ok, error);
        Assert.Equal(expected, value);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("99999999:1", "invalid community value: invalid section \"99999999\" of community \"99999999:1\"")]
    [InlineData("65536:1", "invalid community value: invalid section \"65536\" of community \"65536:1\"")]
    [InlineData("1:65536", "invalid community value: invalid section \"65536\" of community \"1:65536\"")]
    [InlineData("lar:123:9999:123", "expected community to be of format large")]
    [InlineData("larg:12345:12345:12345", "invalid community value: invalid marker for large community, expected community to be of format large:<uint32>:<uint32>:<uint32>")]
    [InlineData("LARGE:1:2:3", "invalid community value: invalid marker for large community")]
    [InlineData("1:2:3:4", "invalid community value: invalid marker for large community")]
    [InlineData("large:12345:wrong:12345", "invalid community value: invalid section \"wrong\" of community \"large:12345:wrong:12345\"")]
    [InlineData("large:4294967296:0:0", "invalid community value: invalid section \"4294967296\"")]
    [InlineData("large:1:2:", "invalid community value: invalid section \"\"")]
    [InlineData("1:2:3", "invalid community format: 1:2:3")]
    [InlineData("12345", "invalid community format: 12345")]
    [InlineData("large:1:2:3:4", "invalid community format: large:1:2:3:4")]
    [InlineData("", "invalid community format: ")]
    [InlineData(":1", "invalid community value: invalid section \"\" of community \":1\"")]
    [InlineData("1:", "invalid community value: invalid section \"\" of community \"1:\"")]
    [InlineData("+1:2", "invalid community value: invalid section \"+1\"")]
    [InlineData("-1:2", "invalid community value: invalid section \"-1\"")]
    [InlineData(" 1:2", "invalid community value: invalid section \" 1\"")]
    [InlineData("1:2 ", "invalid community value: invalid section \"2 \"")]
    [InlineData("0x10:1", "invalid community value: invalid section \"0x10\"")]
    [InlineData("1_000:1", "invalid community value: invalid section \"1_000\"")]
    [InlineData("\u0661:2", "invalid community value: invalid section \"\u0661\"")]
    public void TryParse_WhenInvalid_ReturnsMetalLbMessage(string text, string fragment)
    {
        var ok = BgpCommunityParser.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_WhenNull_ReturnsFormatError()
    {
        var ok = BgpCommunityParser.TryParse(null!, out _, out var error);

        Assert.False(ok);
        Assert.StartsWith("invalid community format", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_WhenFuzzed_NeverThrowsAndRoundTrips()
    {
        const string Alphabet = "0123456789::::largeLARGE +-x_\u0661\u00e9\t\n";
        string[] seeds = ["0:1234", "large:1:2:3", "large:1235:0:0", "65535:65535", "large:4294967295:0:0", "1:2:3"];
        var random = new Random(20240611);
        var inputs = new List<string>();
        for (var i = 0; i < 5000; i++)
        {
            var length = random.Next(0, 32);
            var sb = new StringBuilder(length);
            for (var c = 0; c < length; c++)
            {
                sb.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            inputs.Add(sb.ToString());
        }

        for (var i = 0; i < 5000; i++)
        {
            inputs.Add(Mutate(seeds[random.Next(seeds.Length)], random));
        }

        foreach (var input in inputs)
        {
            var ok = BgpCommunityParser.TryParse(input, out var value, out var error);

            if (ok)
            {
                Assert.Equal("", error);
                Assert.True(BgpCommunityParser.TryParse(value.ToString(), out var again, out _), input);
                Assert.Equal(value, again);
            }
            else
            {
                Assert.StartsWith("invalid community", error, StringComparison.Ordinal);
            }
        }
    }

    private static string Mutate(string seed, Random random)
    {
        var chars = new List<char>(seed);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var position = chars.Count == 0 ? 0 : random.Next(chars.Count);
            var replacement = (char)random.Next(0x20, 0x7f);
            switch (random.Next(4))
            {
                case 0:
                    chars.Insert(position, replacement);
                    break;
                case 1 when chars.Count > 0:
                    chars.RemoveAt(position);
                    break;
                case 2 when chars.Count > 0:
                    chars[position] = replacement;
                    break;
                default:
                    chars.Insert(position, (char)('0' + random.Next(10)));
                    break;
            }
        }

        return new string([.. chars]);
    }
}
