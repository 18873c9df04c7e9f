namespace MetalLb.Benchmarks.InitialSync;

/// <summary>An API request as Kubernetes' audit log names it: a verb and a resource (with its subresource).</summary>
internal readonly record struct ApiRequest(string Verb, string Resource)
{
    /// <summary>Classifies <c>/api/v1/…</c> and <c>/apis/GROUP/VERSION/…</c> paths; anything else is "other".</summary>
    public static ApiRequest Of(HttpMethod method, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        var skip = segments[0] switch
        {
            "api" => 2,
            "apis" => 3,
            _ => -1,
        };
        if (skip < 0 || segments.Length <= skip)
        {
            return new ApiRequest(method.Method, uri.AbsolutePath);
        }

        var rest = segments[skip..];
        if (rest[0] == "namespaces" && rest.Length >= 3)
        {
            rest = rest[2..];
        }

        var resource = rest.Length > 2 ? $"{rest[0]}/{rest[2]}" : rest[0];
        var named = rest.Length > 1;
        var verb = method.Method switch
        {
            "GET" when named => "get",
            "GET" when IsWatch(uri.Query) => "watch",
            "GET" => "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => method.Method.ToUpperInvariant(),
        };
        return new ApiRequest(verb, resource);
    }

    public override string ToString() => $"{Verb} {Resource}";

    private static bool IsWatch(string query) =>
        query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) || query.Contains("watch=1", StringComparison.Ordinal);
}
