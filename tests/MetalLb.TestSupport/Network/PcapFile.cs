using System.Buffers.Binary;

namespace MetalLb.TestSupport.Network;

/// <summary>Reads a classic libpcap file (as <c>tcpdump -w</c> writes it, micro- or nanosecond timestamps, either byte order).</summary>
public static class PcapFile
{
    private const uint Micro = 0xa1b2c3d4;
    private const uint Nano = 0xa1b23c4d;

    public static IReadOnlyList<CapturedFrame> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 24)
        {
            return [];
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var little = magic is Micro or Nano;
        var swapped = little ? magic : BinaryPrimitives.ReverseEndianness(magic);
        if (swapped is not (Micro or Nano))
        {
            throw new InvalidDataException($"{path} is not a pcap file (magic {magic:x8})");
        }

        var fractionToNanos = swapped == Nano ? 1L : 1000L;
        uint Read32(int offset) => little
            ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset))
            : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));

        var frames = new List<CapturedFrame>();
        for (var offset = 24; offset + 16 <= bytes.Length;)
        {
            var seconds = Read32(offset);
            var fraction = Read32(offset + 4);
            var length = (int)Read32(offset + 8);
            if (offset + 16 + length > bytes.Length)
            {
                break;
            }

            frames.Add(new CapturedFrame((seconds * 1_000_000_000L) + (fraction * fractionToNanos), bytes.AsSpan(offset + 16, length).ToArray()));
            offset += 16 + length;
        }

        return frames;
    }
}
