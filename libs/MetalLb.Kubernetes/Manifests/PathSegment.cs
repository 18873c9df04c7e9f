namespace MetalLb.Kubernetes.Manifests;

/// <summary>One step of a JSON path: a property (or map key) name, or an array index when <see cref="Name"/> is null.</summary>
internal readonly record struct PathSegment(string? Name, int Index)
{
    public static PathSegment Property(string name) => new(name, -1);

    public static PathSegment Item(int index) => new(null, index);
}
