using System.Text.Json.Nodes;
using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>One object being decoded: its JSON, identity and where results and problems go.</summary>
internal sealed record ObjectContext(
    string Source, JsonObject Json, string ApiVersion, string Kind, string Name, ManifestCollector Collector)
{
    public ConfigSourceBuilder Objects => Collector.Objects;

    public void Report(FieldError? error) =>
        Collector.Problem(new ManifestProblem(
            Source, Kind, Name, error?.Field, error?.Message ?? "invalid object"));

    /// <summary>Reads the whole document as <typeparamref name="T"/>; reports the field at fault and returns null when it does not fit.</summary>
    public T? Read<T>()
        where T : class
    {
        var value = TypedReader.Read<T>(Json, out var error);
        if (value is null)
        {
            Report(error);
        }

        return value;
    }

    /// <summary>The metadata as read, with the file it came from and never-null label and annotation maps.</summary>
    public ObjectMeta Meta(ObjectMeta? read)
    {
        var meta = read ?? new ObjectMeta { Name = Name };
        return meta with
        {
            Labels = meta.Labels ?? EmptyMap,
            Annotations = meta.Annotations ?? EmptyMap,
            Source = Source,
        };
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();
}
