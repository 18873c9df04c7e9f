namespace MetalLb.IntegrationTests.Otlp;

/// <summary>One field of a protobuf message: its number, and its varint/fixed value or its length-delimited bytes.</summary>
internal readonly record struct ProtoField(int Number, ulong Value, ReadOnlyMemory<byte> Bytes)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes.Span);

    public string Hex => Convert.ToHexStringLower(Bytes.Span);
}
