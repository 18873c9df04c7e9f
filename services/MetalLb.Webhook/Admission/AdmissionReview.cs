namespace MetalLb.Webhook.Admission;

/// <summary>An <c>admission.k8s.io/v1</c> AdmissionReview: the request from the API server, or our response.</summary>
public sealed record AdmissionReview
{
    public const string V1 = "admission.k8s.io/v1";

    public const string KindName = "AdmissionReview";

    public string? ApiVersion { get; init; }

    public string? Kind { get; init; }

    public AdmissionRequest? Request { get; init; }

    public AdmissionResponse? Response { get; init; }

    public static AdmissionReview For(AdmissionResponse response) => new() { ApiVersion = V1, Kind = KindName, Response = response };
}
