namespace MetalLb.Kubernetes.Manifests;

/// <summary>
/// Reads Kubernetes manifests (multi-document YAML, JSON, <c>kubectl get -o yaml|json</c> Lists) into the domain's
/// <see cref="MetalLb.Domain.Config.ConfigSource"/>, reporting problems as values rather than exceptions.
/// </summary>
public static class ManifestReader
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    /// <summary>Reads one file: YAML or JSON by extension (<c>.yaml</c>, <c>.yml</c>, <c>.json</c>), else by its content.</summary>
    public static ManifestReadResult ReadFile(string path)
    {
        var collector = new ManifestCollector();
        ReadFile(path, collector);
        return collector.ToResult();
    }

    /// <summary>Reads text; <paramref name="source"/> names it in messages (<c>-</c> for stdin) and its extension picks the format.</summary>
    public static ManifestReadResult ReadText(string text, string source)
    {
        var collector = new ManifestCollector();
        collector.Read(text, source);
        return collector.ToResult();
    }

    /// <summary>
    /// Reads one object given as a JSON tree (an admission request's), exactly as <see cref="ReadText"/> would read
    /// its text, without serialising it first. The tree is not modified.
    /// </summary>
    public static ManifestReadResult ReadObject(System.Text.Json.Nodes.JsonObject obj, string source)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var collector = new ManifestCollector();
        collector.ReadObject((System.Text.Json.Nodes.JsonObject)obj.DeepClone(), source);
        return collector.ToResult();
    }

    /// <summary>
    /// Reads files, directories (recursively: <c>*.yaml</c>, <c>*.yml</c>, <c>*.json</c>, hidden entries skipped, in
    /// ordinal path order so results do not depend on the file system) and <c>-</c> for stdin, in the order given.
    /// </summary>
    public static ManifestReadResult ReadPaths(IEnumerable<string> paths) => ReadPaths(paths, () => Console.In);

    /// <summary>
    /// As <see cref="ReadPaths(IEnumerable{string})"/>, and also keeps each object's JSON tree in
    /// <see cref="ManifestReadResult.Documents"/>, for callers that hand objects on as written (to admission, say).
    /// </summary>
    public static ManifestReadResult ReadDocuments(IEnumerable<string> paths) => ReadPaths(paths, () => Console.In, keepDocuments: true);

    internal static ManifestReadResult ReadPaths(IEnumerable<string> paths, Func<TextReader> stdin, bool keepDocuments = false)
    {
        var collector = new ManifestCollector { KeepDocuments = keepDocuments };
        foreach (var path in paths)
        {
            if (path == "-")
            {
                collector.Read(stdin().ReadToEnd(), "-");
            }
            else if (Directory.Exists(path))
            {
                ReadDirectory(path, collector);
            }
            else
            {
                ReadFile(path, collector);
            }
        }

        return collector.ToResult();
    }

    private static void ReadDirectory(string directory, ManifestCollector collector)
    {
        List<string> files;
        try
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false };
            files = [.. Directory.EnumerateFiles(directory, "*", options)
                .Where(f => ManifestExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                .Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            collector.IoProblem(directory, IoMessage(ex));
            return;
        }

        foreach (var file in files)
        {
            ReadFile(file, collector);
        }
    }

    private static void ReadFile(string path, ManifestCollector collector)
    {
        if (Directory.Exists(path))
        {
            collector.IoProblem(path, "is a directory");
            return;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            collector.IoProblem(path, IoMessage(ex));
            return;
        }

        collector.Read(text, path);
    }

    private static string IoMessage(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        _ => ex.Message,
    };
}
