using System.Globalization;
using System.Text.Json.Nodes;
using MetalLb.IntegrationTests.Deploy;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>docker-compose.yml read into JSON nodes, with the parts the tests ask about: services, mounts and ports.</summary>
internal sealed class ComposeFile
{
    private ComposeFile(JsonObject document) => Document = document;

    public static string Path => RepoPaths.Combine("docker-compose.yml");

    public JsonObject Document { get; }

    public IReadOnlyDictionary<string, JsonObject> Services =>
        Document["services"]!.AsObject().ToDictionary(s => s.Key, s => s.Value!.AsObject(), StringComparer.Ordinal);

    public static ComposeFile Load() => new(Assert.Single(YamlDocuments.Parse(File.ReadAllText(Path))));

    /// <summary>The service's bind mounts (short syntax <c>./source:/target[:ro]</c>), the source relative to the repository root.</summary>
    public static IReadOnlyList<(string Source, string Target)> BindMounts(JsonObject service) =>
        [.. (service["volumes"]?.AsArray() ?? []).Select(v => ((string)v!).Split(':'))
            .Where(p => p[0].StartsWith('.') || p[0].StartsWith('/'))
            .Select(p => (System.IO.Path.GetRelativePath(".", p[0]).Replace('\\', '/'), p[1]))];

    /// <summary>The ports the service listens on inside the compose network: <c>expose</c> and the targets of <c>ports</c>.</summary>
    public static IReadOnlySet<int> Ports(JsonObject service) =>
        (service["expose"]?.AsArray() ?? []).Select(p => int.Parse(p!.ToString(), CultureInfo.InvariantCulture))
            .Concat((service["ports"]?.AsArray() ?? []).Select(p => int.Parse(p!.ToString().Split(':')[^1], CultureInfo.InvariantCulture)))
            .ToHashSet();

    /// <summary>The service's command and entrypoint arguments.</summary>
    public static List<string> Command(JsonObject service) =>
        [.. (service["command"]?.AsArray() ?? []).Select(a => a!.ToString())];

    /// <summary>The strings a service hands its process at run time: command, environment values, health check.</summary>
    public static IEnumerable<string> RuntimeStrings(JsonObject service) =>
        Command(service)
            .Concat((service["environment"]?.AsObject() ?? []).Select(e => e.Value?.ToString() ?? string.Empty))
            .Concat((service["healthcheck"]?["test"]?.AsArray() ?? []).Select(t => t!.ToString()));

    /// <summary>The files of the service's bind mounts that lie under <paramref name="directory"/> (repository-relative).</summary>
    public static IEnumerable<string> MountedFiles(JsonObject service, string directory) =>
        BindMounts(service).Where(m => m.Source.StartsWith(directory, StringComparison.Ordinal))
            .SelectMany(m => File.Exists(RepoPaths.Combine(m.Source))
                ? [m.Source]
                : Directory.EnumerateFiles(RepoPaths.Combine(m.Source), "*", SearchOption.AllDirectories)
                    .Select(f => System.IO.Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal);

    /// <summary>Where a mounted repository file appears inside the service's container.</summary>
    public static string? ContainerPathOf(JsonObject service, string repositoryFile) =>
        BindMounts(service).Where(m => repositoryFile == m.Source || repositoryFile.StartsWith(m.Source + "/", StringComparison.Ordinal))
            .Select(m => m.Target + repositoryFile[m.Source.Length..]).FirstOrDefault();

    /// <summary>Whether a container path lies in one of the service's bind mounts.</summary>
    public static bool IsMounted(JsonObject service, string containerPath) =>
        BindMounts(service).Any(m => containerPath == m.Target || containerPath.StartsWith(m.Target + "/", StringComparison.Ordinal));
}
