using MetalLb.Domain.Model;

namespace MetalLb.Domain.Tests.Net;

public class AddressParserFuzzTests
{
    private static readonly string[] Seeds =
    [
        "192.168.10.0/24", "192.168.250.48-192.168.250.55", "1.2.3.1 - 1.2.3.5", "fc00::/124",
        "2001:db8::1-2001:db8::ff", "0.0.0.0/0", "::/0", "::ffff:1.2.3.4/120",
    ];

    private const string Alphabet = "0123456789abcdefABCDEF.:/- %xg\t";

    [Fact]
    public void TryParse_WhenInputIsRandomOrMutated_ReturnsEntryOrErrorAndNeverThrows()
    {
        var random = new Random(20261126);
        for (var i = 0; i < 20_000; i++)
        {
            var text = i % 2 == 0 ? RandomText(random) : Mutate(random, Seeds[random.Next(Seeds.Length)]);

            var entry = PoolAddressEntry.TryParse(text, "fuzz", out var error);

            if (entry is null)
            {
                Assert.False(string.IsNullOrEmpty(error), $"no error for \"{text}\"");
                Assert.Contains(text, error, StringComparison.Ordinal);
            }
            else
            {
                Assert.Null(error);
                Assert.NotEmpty(entry.Prefixes);
                Assert.Equal(entry.Range.Start, entry.Prefixes[0].First);
                Assert.Equal(entry.Range.End, entry.Prefixes[^1].Last);
                Assert.NotNull(PoolAddressEntry.TryParse(entry.Text, "fuzz", out _));
            }
        }
    }

    private static string RandomText(Random random)
    {
        var chars = new char[random.Next(0, 48)];
        for (var c = 0; c < chars.Length; c++)
        {
            chars[c] = random.Next(10) == 0 ? (char)random.Next(0, 0x3000) : Alphabet[random.Next(Alphabet.Length)];
        }

        return new string(chars);
    }

    private static string Mutate(Random random, string seed)
    {
        var chars = seed.ToList();
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            var at = random.Next(chars.Count + 1);
            switch (random.Next(3))
            {
                case 0 when chars.Count > 0 && at < chars.Count:
                    chars.RemoveAt(at);
                    break;
                case 1:
                    chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                default:
                    if (at < chars.Count)
                    {
                        chars[at] = Alphabet[random.Next(Alphabet.Length)];
                    }

                    break;
            }
        }

        return new string(chars.ToArray());
    }
}
