namespace MetalLb.Webhook.Admission;

/// <summary>A group, version and resource (plural) as the API server names them in an AdmissionRequest.</summary>
public sealed record GroupVersionResource(string? Group, string? Version, string? Resource);
