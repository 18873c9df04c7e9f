using System.Text;
using MetalLb.Domain.Validation;

namespace MetalLb.Domain.Tests.Validation;

public class GoDurationTests
{
    private const long Ms = 1_000_000;
    private const long S = 1_000_000_000;

    public static TheoryData<string, long> Valid => new()
    {
        { "0", 0 },
        { "-0", 0 },
        { "+0", 0 },
        { "0s", 0 },
        { "90s", 90 * S },
        { "1m30s", 90 * S },
        { "1.5s", 1500 * Ms },
        { ".5s", 500 * Ms },
        { "1.s", S },
        { "500ms", 500 * Ms },
        { "1h", 3600 * S },
        { "2h45m", ((2 * 3600) + (45 * 60)) * S },
        { "1.5h", 5400 * S },
        { "-1s", -S },
        { "+5s", 5 * S },
        { "100ns", 100 },
        { "3us", 3000 },
        { "3\u00B5s", 3000 },
        { "3\u03BCs", 3000 },
        { "1h1m1s1ms1us1ns", (3661 * S) + Ms + 1000 + 1 },
        { "0.1s", 100 * Ms },
        { "1.0000000001s", S },
        { "1.000000001s", S + 1 },
        { "0.3333333333333333333h", 1_200_000_000_000 },
        { "9223372036854775807ns", long.MaxValue },
        { "-9223372036854775808ns", long.MinValue },
        { "2562047h47m16.854775807s", long.MaxValue },
    };

    public static TheoryData<string?, string> Invalid => new()
    {
        { null, "time: invalid duration \"\"" },
        { "", "time: invalid duration \"\"" },
        { "-", "time: invalid duration \"-\"" },
        { "s", "time: invalid duration \"s\"" },
        { ".", "time: invalid duration \".\"" },
        { ".s", "time: invalid duration \".s\"" },
        { "-.s", "time: invalid duration \"-.s\"" },
        { " 1s", "time: invalid duration \" 1s\"" },
        { "x", "time: invalid duration \"x\"" },
        { "1", "time: missing unit in duration \"1\"" },
        { "1s2", "time: missing unit in duration \"1s2\"" },
        { "1x", "time: unknown unit \"x\" in duration \"1x\"" },
        { "1 s", "time: unknown unit \" s\" in duration \"1 s\"" },
        { "1s ", "time: unknown unit \"s \" in duration \"1s \"" },
        { "1e3s", "time: unknown unit \"e\" in duration \"1e3s\"" },
        { "1S", "time: unknown unit \"S\" in duration \"1S\"" },
        { "1d", "time: unknown unit \"d\" in duration \"1d\"" },
        { "1é", "time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\"" },
        { "1\"", "time: unknown unit \"\\\"\" in duration \"1\\\"\"" },
        { "--1s", "time: invalid duration \"--1s\"" },
        { "1h-5m", "time: unknown unit \"h-\" in duration \"1h-5m\"" },
        { "9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\"" },
        { "3000000h", "time: invalid duration \"3000000h\"" },
        { "99999999999999999999s", "time: invalid duration \"99999999999999999999s\"" },
        { "100000000000000000000000.0000000000000001ns", "time: invalid duration \"100000000000000000000000.0000000000000001ns\"" },
    };

    public static TheoryData<long, string> Formats => new()
    {
        { 0, "0s" },
        { 1, "1ns" },
        { 1100, "1.1µs" },
        { 2200 * 1000, "2.2ms" },
        { 500 * Ms, "500ms" },
        { 1500 * Ms, "1.5s" },
        { 30 * S, "30s" },
        { 60 * S, "1m0s" },
        { 90 * S, "1m30s" },
        { 3600 * S, "1h0m0s" },
        { -S, "-1s" },
        { (3 * 3600 * S) + (2 * 60 * S) + (1 * S) + 1, "3h2m1.000000001s" },
        { long.MaxValue, "2562047h47m16.854775807s" },
        { long.MinValue, "-2562047h47m16.854775808s" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void TryParseNanoseconds_ValidText_ReturnsGoValue(string text, long expected)
    {
        var ok = GoDuration.TryParseNanoseconds(text, out var value, out var error);

        Assert.True(ok, error);
        Assert.Equal(expected, value);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("1m30s", 90)]
    [InlineData("1.5s", 1.5)]
    [InlineData("500ms", 0.5)]
    [InlineData("2h45m", 9900)]
    [InlineData("-1s", -1)]
    [InlineData("0", 0)]
    public void TryParse_ValidText_ReturnsTimeSpan(string text, double seconds)
    {
        var ok = GoDuration.TryParse(text, out var value, out _);

        Assert.True(ok);
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Fact]
    public void TryParse_SubTickNanoseconds_TruncatesTowardZero()
    {
        Assert.True(GoDuration.TryParse("150ns", out var positive, out _));
        Assert.True(GoDuration.TryParse("-150ns", out var negative, out _));

        Assert.Equal(TimeSpan.FromTicks(1), positive);
        Assert.Equal(TimeSpan.FromTicks(-1), negative);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_InvalidText_ReturnsGoError(string? text, string expected)
    {
        var ok = GoDuration.TryParse(text, out var value, out var error);

        Assert.False(ok);
        Assert.Equal(TimeSpan.Zero, value);
        Assert.Equal(expected, error);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Format_Nanoseconds_MatchesGoString(long nanoseconds, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(nanoseconds));
    }

    [Fact]
    public void Format_TimeSpan_MatchesGoString()
    {
        Assert.Equal("1m30s", GoDuration.Format(TimeSpan.FromSeconds(90)));
        Assert.Equal("100ns", GoDuration.Format(TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void TryParse_RandomText_NeverThrows()
    {
        var random = new Random(20240611);
        const string alphabet = "0123456789.+-nsuµμmhdx \t\"\\é";
        for (var i = 0; i < 20_000; i++)
        {
            var text = i % 4 == 0 ? RandomUnicode(random) : RandomFrom(random, alphabet);

            var ok = GoDuration.TryParse(text, out var value, out var error);

            Assert.True(ok ? error.Length == 0 : value == TimeSpan.Zero && error.StartsWith("time: ", StringComparison.Ordinal), text);
        }
    }

    [Fact]
    public void TryParseNanoseconds_FormattedValue_RoundTrips()
    {
        var random = new Random(7);
        var buffer = new byte[8];
        for (var i = 0; i < 5_000; i++)
        {
            random.NextBytes(buffer);
            var value = BitConverter.ToInt64(buffer) >> random.Next(0, 63);

            var ok = GoDuration.TryParseNanoseconds(GoDuration.Format(value), out var parsed, out var error);

            Assert.True(ok, error);
            Assert.Equal(value, parsed);
        }
    }

    [Fact]
    public void TryParse_MutatedValidText_NeverThrows()
    {
        var random = new Random(42);
        var seeds = Valid.Select(row => (string)row[0]).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            var chars = seeds[random.Next(seeds.Length)].ToCharArray();
            if (chars.Length > 0)
            {
                chars[random.Next(chars.Length)] = (char)random.Next(0, 0x10000);
            }

            var text = new string(chars);

            var exception = Record.Exception(() => GoDuration.TryParse(text, out _, out _));

            Assert.Null(exception);
        }
    }

    private static string RandomFrom(Random random, string alphabet)
    {
        var sb = new StringBuilder();
        var length = random.Next(0, 24);
        for (var j = 0; j < length; j++)
        {
            sb.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return sb.ToString();
    }

    private static string RandomUnicode(Random random)
    {
        var chars = new char[random.Next(0, 16)];
        for (var j = 0; j < chars.Length; j++)
        {
            chars[j] = (char)random.Next(0, 0x10000);
        }

        return new string(chars);
    }
}
