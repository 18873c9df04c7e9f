using System.Security.Cryptography.X509Certificates;

namespace MetalLb.Webhook.Certificates;

/// <summary>The outcome of one rotation check: what to store, what to serve, and why anything changed.</summary>
internal sealed record CertificatePlan(
    CertificateMaterial Material,
    X509Certificate2 Serving,
    IReadOnlyList<string> Changes,
    bool SwitchPending)
{
    public bool Changed => Changes.Count > 0;
}
