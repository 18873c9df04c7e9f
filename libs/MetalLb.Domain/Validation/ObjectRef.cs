using MetalLb.Domain.Config;

namespace MetalLb.Domain.Validation;

/// <summary>Names an object in a message: kind, name, namespace and the file it came from.</summary>
public sealed record ObjectRef(string Kind, string Name, string? Namespace = null, string? Source = null)
{
    public static ObjectRef Of(IMetalLbObject obj) => Of(obj.Kind, obj.Metadata);

    public static ObjectRef Of(string kind, ObjectMeta metadata) =>
        new(kind, metadata.Name, metadata.Namespace, metadata.Source);

    public override string ToString() => $"{Kind}/{Name}";
}
