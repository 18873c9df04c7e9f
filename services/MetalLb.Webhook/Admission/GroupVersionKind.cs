namespace MetalLb.Webhook.Admission;

/// <summary>A group, version and kind as the API server names them in an AdmissionRequest.</summary>
public sealed record GroupVersionKind(string? Group, string? Version, string? Kind);
