using MetalLb.Bgp.Codec;

namespace MetalLb.Bgp.Tests;

/// <summary>Mutated captured messages and random bytes: decoding never throws, and what decodes cleanly re-encodes.</summary>
public class FuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MutatedCapturedMessages_NeverThrow(int seed)
    {
        var random = new Random(seed);
        var outcomes = new HashSet<string>();
        for (var i = 0; i < 20_000; i++)
        {
            var message = Captured.All[random.Next(Captured.All.Count)].Bytes.ToArray();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                var at = random.Next(4) == 0 || message.Length == 19 ? random.Next(16, 19) : random.Next(19, message.Length);
                message[at] = (byte)random.Next(256);
            }

            var cut = random.Next(5) == 0 ? random.Next(message.Length + 1) : message.Length;

            outcomes.Add(DecodeAndReencode(message.AsSpan(0, cut), random.Next(2) == 0));
        }

        Assert.Contains("ok", outcomes);
        Assert.Contains(outcomes, o => o.StartsWith("SessionReset", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.StartsWith("TreatAsWithdraw", StringComparison.Ordinal));
    }

    [Fact]
    public void RandomBytes_BehindAValidHeader_NeverThrow()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var body = new byte[random.Next(0, 200)];
            random.NextBytes(body);

            DecodeAndReencode(Wire.Message((byte)random.Next(1, 6), Convert.ToHexString(body)), random.Next(2) == 0);
            DecodeAndReencode(body, true);
        }
    }

    [Fact]
    public void RandomStream_FramesAndDecodes_WithoutThrowing()
    {
        var random = new Random(7);
        var stream = Captured.All.SelectMany(m => m.Bytes).ToArray();
        for (var i = 0; i < 2_000; i++)
        {
            stream[random.Next(stream.Length)] = (byte)random.Next(256);
        }

        var at = 0;
        while (BgpCodec.TryFrame(stream.AsSpan(at), out var length, out _))
        {
            DecodeAndReencode(stream.AsSpan(at, length), true);
            at += length;
        }
    }

    private static string DecodeAndReencode(ReadOnlySpan<byte> message, bool fourOctetAs)
    {
        var options = new BgpCodecOptions(fourOctetAs);
        var result = BgpCodec.Decode(message, options);
        if (result.Message is not null)
        {
            BgpCodec.Encode(result.Message, options);
        }

        return result.Error is null ? "ok" : $"{result.Error.Action} {result.Error.Notification.Code}/{result.Error.Notification.Subcode}";
    }
}
