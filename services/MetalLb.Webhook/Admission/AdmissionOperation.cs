namespace MetalLb.Webhook.Admission;

/// <summary>The operations an AdmissionRequest can carry.</summary>
public static class AdmissionOperation
{
    public const string Create = "CREATE";

    public const string Update = "UPDATE";

    public const string Delete = "DELETE";

    public const string Connect = "CONNECT";

    public static bool IsKnown(string? operation) => operation is Create or Update or Delete or Connect;
}
