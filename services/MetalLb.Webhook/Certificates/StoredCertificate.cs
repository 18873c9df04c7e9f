namespace MetalLb.Webhook.Certificates;

/// <summary>Material as read from a store, with the version a conditional write must match (null when unversioned).</summary>
internal sealed record StoredCertificate(CertificateMaterial Material, string? Version);
