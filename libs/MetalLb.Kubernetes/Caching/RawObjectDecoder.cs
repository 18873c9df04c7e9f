using System.Text.Json;
using k8s;

namespace MetalLb.Kubernetes.Caching;

/// <summary>
/// Decodes custom objects as KubernetesClient hands them over (a <see cref="JsonElement"/> per object), one object
/// at a time, so that one object the entity type cannot hold is skipped instead of failing the whole list or watch.
/// </summary>
internal sealed class RawObjectDecoder(Func<JsonElement, object> toDomain)
{
    /// <summary>Deserializes into <typeparamref name="TEntity"/> with KubernetesClient's settings, then maps to the domain.</summary>
    public static RawObjectDecoder For<TEntity>(Func<TEntity, object> toDomain) =>
        new(element => toDomain(KubernetesJson.Deserialize<TEntity>(element)));

    public WatchItem Decode(WatchEventType type, object? raw)
    {
        if (AsElement(raw) is not { ValueKind: JsonValueKind.Object } element)
        {
            return type == WatchEventType.Bookmark
                ? WatchItem.Bookmark(null)
                : WatchItem.Malformed(null, null, "expected an object");
        }

        var metadata = element.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        return WatchItemFactory.FromEvent(
            type,
            Text(metadata, "namespace"),
            Text(metadata, "name"),
            Text(metadata, "resourceVersion"),
            () => (toDomain(element), null));
    }

    /// <summary>Reads a list (<c>{metadata: {resourceVersion}, items: [...]}</c>).</summary>
    public KindList DecodeList(object? raw)
    {
        if (AsElement(raw) is not { ValueKind: JsonValueKind.Object } list)
        {
            throw new JsonException("the list response is not a JSON object");
        }

        var metadata = list.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var items = list.TryGetProperty("items", out var i) && i.ValueKind == JsonValueKind.Array
            ? i.EnumerateArray().Select(item => Decode(WatchEventType.Added, item))
            : [];
        return WatchItemFactory.ToList(Text(metadata, "resourceVersion"), items);
    }

    private static JsonElement? AsElement(object? raw) => raw switch
    {
        null => null,
        JsonElement element => element,
        _ => JsonSerializer.SerializeToElement(raw, raw.GetType()),
    };

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
