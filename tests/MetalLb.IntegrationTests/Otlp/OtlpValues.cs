using System.Globalization;

namespace MetalLb.IntegrationTests.Otlp;

/// <summary>The OTLP common types (opentelemetry/proto/common/v1/common.proto) the tests read: KeyValue, AnyValue, Resource.</summary>
internal static class OtlpValues
{
    /// <summary>The service.name attribute of a message whose field 1 is a Resource (attributes: field 1).</summary>
    public static string ServiceName(ReadOnlyMemory<byte> resourceMessage) =>
        ProtoReader.Messages(resourceMessage, 1).SelectMany(r => KeyValues(r, 1)).FirstOrDefault(a => a.Key == "service.name").Value ?? "";

    /// <summary>KeyValue fields (key: 1, AnyValue: 2) numbered <paramref name="number"/>, values as text.</summary>
    public static IEnumerable<KeyValuePair<string, string>> KeyValues(ReadOnlyMemory<byte> message, int number) =>
        from keyValue in ProtoReader.Messages(message, number)
        let fields = ProtoReader.Fields(keyValue).ToList()
        select KeyValuePair.Create(fields.First(f => f.Number == 1).Text, Value(fields.FirstOrDefault(f => f.Number == 2).Bytes));

    /// <summary>An AnyValue as text: string(1), bool(2), int(3), double(4); an array(5) joined by commas.</summary>
    public static string Value(ReadOnlyMemory<byte> anyValue)
    {
        var field = ProtoReader.Fields(anyValue).FirstOrDefault();
        return field.Number switch
        {
            1 => field.Text,
            2 => field.Value != 0 ? "true" : "false",
            3 => ((long)field.Value).ToString(CultureInfo.InvariantCulture),
            4 => BitConverter.UInt64BitsToDouble(field.Value).ToString(CultureInfo.InvariantCulture),
            5 => string.Join(",", ProtoReader.Messages(field.Bytes, 1).Select(Value)),
            _ => "",
        };
    }
}
