namespace MetalLb.Webhook.Admission;

/// <summary>The <c>response</c> of an AdmissionReview; <see cref="Patch"/> is serialised as base64.</summary>
public sealed record AdmissionResponse
{
    public const string JsonPatchType = "JSONPatch";

    public string Uid { get; init; } = "";

    public bool Allowed { get; init; }

    public AdmissionStatus? Status { get; init; }

    public IReadOnlyList<string>? Warnings { get; init; }

    public string? PatchType { get; init; }

    public byte[]? Patch { get; init; }
}
