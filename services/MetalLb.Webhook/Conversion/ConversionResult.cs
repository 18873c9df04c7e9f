namespace MetalLb.Webhook.Conversion;

/// <summary>The <c>result</c> of a ConversionResponse (a metav1.Status): <c>Success</c>, or <c>Failure</c> with a message.</summary>
public sealed record ConversionResult(string Status, string? Message = null)
{
    public static ConversionResult Success { get; } = new("Success");

    public static ConversionResult Failure(string message) => new("Failure", message);
}
