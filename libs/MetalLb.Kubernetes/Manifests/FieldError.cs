namespace MetalLb.Kubernetes.Manifests;

/// <summary>A problem with one field of an object, before the file and object name are attached.</summary>
internal sealed record FieldError(string? Field, string Message);
