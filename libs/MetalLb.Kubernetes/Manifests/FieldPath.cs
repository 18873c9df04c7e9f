using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MetalLb.Kubernetes.Entities;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>
/// Parses System.Text.Json's exception paths (<c>$.spec.addresses[1]</c>, <c>$.metadata.labels['a.b/c']</c>), follows
/// them through the target .NET type and the JSON tree, and writes them in Kubernetes style
/// (<c>spec.addresses[1]</c>, <c>metadata.labels[a.b/c]</c>).
/// </summary>
internal static class FieldPath
{
    public static List<PathSegment>? Parse(string? path)
    {
        if (path is null || !path.StartsWith('$'))
        {
            return null;
        }

        var segments = new List<PathSegment>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(PathSegment.Property(path[(i + 1)..end]));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                segments.Add(PathSegment.Property(path[(i + 2)..end]));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }

                segments.Add(PathSegment.Item(index));
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }

    /// <summary>The .NET type at the end of the path (null when the path leaves the modelled fields) and its Kubernetes rendering.</summary>
    public static (Type? Type, string Rendered) Resolve(Type root, IReadOnlyList<PathSegment> segments)
    {
        var rendered = new StringBuilder();
        Type? current = root;
        foreach (var segment in segments)
        {
            var info = current is null ? null : TypeInfo(current);
            var isMapKey = info?.Kind == JsonTypeInfoKind.Dictionary;
            if (segment.Name is null)
            {
                rendered.Append('[').Append(segment.Index).Append(']');
            }
            else if (isMapKey || !IsPlainName(segment.Name))
            {
                rendered.Append('[').Append(segment.Name).Append(']');
            }
            else
            {
                rendered.Append(rendered.Length == 0 ? "" : ".").Append(segment.Name);
            }

            current = info?.Kind switch
            {
                JsonTypeInfoKind.Object when segment.Name is not null =>
                    info.Properties.FirstOrDefault(p => p.Name == segment.Name)?.PropertyType,
                JsonTypeInfoKind.Dictionary when segment.Name is not null => info.ElementType,
                JsonTypeInfoKind.Enumerable when segment.Name is null => info.ElementType,
                _ => null,
            };
        }

        return (current, rendered.ToString());
    }

    public static bool TryNavigate(JsonNode? root, IReadOnlyList<PathSegment> segments, out JsonNode? node)
    {
        node = root;
        foreach (var segment in segments)
        {
            switch (node)
            {
                case JsonObject obj when segment.Name is not null && obj.TryGetPropertyValue(segment.Name, out var child):
                    node = child;
                    break;
                case JsonArray array when segment.Name is null && segment.Index >= 0 && segment.Index < array.Count:
                    node = array[segment.Index];
                    break;
                default:
                    node = null;
                    return false;
            }
        }

        return true;
    }

    private static JsonTypeInfo? TypeInfo(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            return MetalLbJson.Options.GetTypeInfo(plain);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static bool IsPlainName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
