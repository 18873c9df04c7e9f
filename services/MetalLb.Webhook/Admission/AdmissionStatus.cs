namespace MetalLb.Webhook.Admission;

/// <summary>The <c>status</c> of a denial (a metav1.Status): what <c>kubectl</c> prints after "denied the request:".</summary>
public sealed record AdmissionStatus(int Code, string Message)
{
    public string? Reason { get; init; }
}
