using System.Buffers.Binary;

namespace MetalLb.Layer2.Tests;

/// <summary>Reads the frames of a classic little-endian pcap file (what tcpdump -w writes).</summary>
internal static class PcapFile
{
    public static IReadOnlyList<byte[]> Read(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));
        Assert.Equal(0xA1B2C3D4u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        var frames = new List<byte[]>();
        for (var at = 24; at + 16 <= bytes.Length;)
        {
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8));
            frames.Add(bytes.AsSpan(at + 16, captured).ToArray());
            at += 16 + captured;
        }

        return frames;
    }
}
