using System.Buffers.Binary;
using System.Globalization;

namespace MetalLb.Layer2.Codecs;

/// <summary>An Ethernet (EUI-48) address.</summary>
public readonly record struct MacAddress(ulong Value)
{
    public const int Length = 6;

    public static MacAddress Broadcast { get; } = new(0xFFFF_FFFF_FFFF);

    public static MacAddress Zero { get; } = new(0);

    /// <summary>True for a group (multicast or broadcast) address: the I/G bit of the first octet.</summary>
    public bool IsGroup => (Value >> 40 & 1) == 1;

    public static MacAddress Read(ReadOnlySpan<byte> bytes) =>
        new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(bytes) << 32) | BinaryPrimitives.ReadUInt32BigEndian(bytes[2..]));

    public void Write(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)(Value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(bytes[2..], (uint)Value);
    }

    /// <summary>Parses <c>aa:bb:cc:dd:ee:ff</c> (or with <c>-</c>), as <c>/sys/class/net/*/address</c> holds it.</summary>
    public static MacAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':', '-');
        if (parts.Length != Length || parts.Any(p => p.Length != 2))
        {
            throw new FormatException($"\"{text}\" is not a MAC address (aa:bb:cc:dd:ee:ff)");
        }

        ulong value = 0;
        foreach (var part in parts)
        {
            value = value << 8 | byte.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return new MacAddress(value);
    }

    public override string ToString()
    {
        Span<byte> b = stackalloc byte[Length];
        Write(b);
        return string.Create(CultureInfo.InvariantCulture, $"{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}:{b[4]:x2}:{b[5]:x2}");
    }
}
