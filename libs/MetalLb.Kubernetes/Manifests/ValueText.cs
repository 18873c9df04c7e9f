using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MetalLb.Kubernetes.Entities;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>Words for messages: what a field expects (from its .NET type) and what a JSON value is.</summary>
internal static class ValueText
{
    private const int MaxShown = 64;

    private static readonly JsonSerializerOptions Relaxed = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static string Expected(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return Type.GetTypeCode(plain) switch
        {
            TypeCode.String => "string",
            TypeCode.Boolean => "boolean",
            TypeCode.Byte => Range(byte.MinValue, byte.MaxValue),
            TypeCode.SByte => Range(sbyte.MinValue, sbyte.MaxValue),
            TypeCode.Int16 => Range(short.MinValue, short.MaxValue),
            TypeCode.UInt16 => Range(ushort.MinValue, ushort.MaxValue),
            TypeCode.Int32 => Range(int.MinValue, int.MaxValue),
            TypeCode.UInt32 => Range(uint.MinValue, uint.MaxValue),
            TypeCode.Int64 => Range(long.MinValue, long.MaxValue),
            TypeCode.UInt64 => $"integer {ulong.MinValue}..{ulong.MaxValue}",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "number",
            _ => Composite(plain),
        };
    }

    public static string Actual(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => $"string {Shorten(value.ToJsonString(Relaxed))}",
            JsonValueKind.Number => $"number {Shorten(value.ToJsonString())}",
            JsonValueKind.True => "boolean true",
            JsonValueKind.False => "boolean false",
            _ => "null",
        },
        _ => "unknown value",
    };

    private static string Range(long min, long max) => $"integer {min}..{max}";

    private static string Composite(Type type)
    {
        try
        {
            return MetalLbJson.Options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Enumerable ? "array" : "object";
        }
        catch (NotSupportedException)
        {
            return "object";
        }
    }

    private static string Shorten(string text) => text.Length <= MaxShown ? text : text[..(MaxShown - 1)] + "…";
}
