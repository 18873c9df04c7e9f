using System.Text.Json;
using System.Text.Json.Nodes;
using MetalLb.Kubernetes.Entities;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>
/// Deserializes a document into a typed object with <see cref="MetalLbJson.Options"/> and turns the first type
/// mismatch into a Kubernetes-style field error (<c>spec.autoAssign: expected boolean, got string "yes"</c>).
/// </summary>
internal static class TypedReader
{
    public static T? Read<T>(JsonObject document, out FieldError? error)
        where T : class
    {
        error = DropNulls(document, typeof(T), []);
        if (error is not null)
        {
            return null;
        }

        try
        {
            var value = document.Deserialize<T>(MetalLbJson.Options);
            if (value is null)
            {
                error = new FieldError(null, "expected object, got null");
            }

            return value;
        }
        catch (JsonException ex)
        {
            error = Explain(document, typeof(T), ex);
            return null;
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            error = new FieldError(null, $"invalid object: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// A JSON null means "unset" in Kubernetes (Go leaves the field at its zero value), so null members are removed
    /// before binding. A null list item of a modelled list has no such meaning and is refused, rather than handing
    /// the rules a null where a string or selector belongs.
    /// </summary>
    private static FieldError? DropNulls(JsonNode node, Type root, List<PathSegment> path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(key);
                }

                foreach (var (key, child) in obj)
                {
                    path.Add(PathSegment.Property(key));
                    var error = DropNulls(child!, root, path);
                    path.RemoveAt(path.Count - 1);
                    if (error is not null)
                    {
                        return error;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    path.Add(PathSegment.Item(i));
                    var error = array[i] is { } item ? DropNulls(item, root, path) : NullItem(root, path);
                    path.RemoveAt(path.Count - 1);
                    if (error is not null)
                    {
                        return error;
                    }
                }

                break;
        }

        return null;
    }

    private static FieldError? NullItem(Type root, List<PathSegment> path)
    {
        var (type, rendered) = FieldPath.Resolve(root, path);
        return type is null ? null : new FieldError(rendered, $"expected {ValueText.Expected(type)}, got null");
    }

    private static FieldError Explain(JsonNode document, Type root, JsonException ex)
    {
        var segments = FieldPath.Parse(ex.Path);
        if (segments is not null)
        {
            var (type, rendered) = FieldPath.Resolve(root, segments);
            if (type is not null && FieldPath.TryNavigate(document, segments, out var value))
            {
                return new FieldError(
                    rendered.Length == 0 ? null : rendered,
                    $"expected {ValueText.Expected(type)}, got {ValueText.Actual(value)}");
            }
        }

        return new FieldError(null, $"invalid object: {StripPosition(ex.Message)}");
    }

    private static string StripPosition(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd();
    }
}
