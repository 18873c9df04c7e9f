namespace MetalLb.Kubernetes.Manifests;

/// <summary>One thing wrong with the input: where it was, which object and field, and what is wrong.</summary>
/// <param name="Source">The file the problem is in (<c>-</c> for stdin).</param>
/// <param name="Kind">The object's kind, when it is known.</param>
/// <param name="Name">The object's <c>metadata.name</c>, when it is known.</param>
/// <param name="Field">The field path in Kubernetes style (<c>spec.addresses[1]</c>), when one field is at fault.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ManifestProblem(string Source, string? Kind, string? Name, string? Field, string Message)
{
    /// <summary>True when the file could not be read at all (missing, unreadable), as opposed to read and found wrong.</summary>
    public bool IsIoError { get; init; }

    /// <summary>Formats as <c>Source: Kind/name: field: message</c>, leaving out the parts that are not known.</summary>
    public override string ToString()
    {
        var parts = new List<string>(4) { Source };
        var objectName = (Kind, Name) switch
        {
            ({ } kind, { } name) => $"{kind}/{name}",
            ({ } kind, null) => kind,
            (null, { } name) => name,
            _ => null,
        };
        if (objectName is not null)
        {
            parts.Add(objectName);
        }

        if (Field is not null)
        {
            parts.Add(Field);
        }

        parts.Add(Message);
        return string.Join(": ", parts);
    }
}
