namespace MetalLb.Webhook.Certificates;

/// <summary>TLS settings of the webhook server, section <c>Webhook:Tls</c>.</summary>
public sealed class CertificateOptions
{
    public const string SectionName = "Webhook:Tls";

    /// <summary>Where the serving certificate comes from.</summary>
    public CertificateMode Mode { get; set; } = CertificateMode.Self;

    /// <summary>The lowest TLS version accepted, <c>1.2</c> or <c>1.3</c>; TLS 1.3 is negotiated whenever the client can.</summary>
    public string MinTlsVersion { get; set; } = "1.2";

    /// <summary>
    /// Serve HTTP/2 as well as HTTP/1.1. Off by default, as in MetalLB (HTTP/2 rapid-reset, CVE-2023-44487); the API
    /// server talks HTTP/1.1 to webhooks just as well.
    /// </summary>
    public bool EnableHttp2 { get; set; }

    /// <summary>The webhook Service's name; the certificate's DNS names derive from it.</summary>
    public string ServiceName { get; set; } = "metallb-svc-webhook";

    /// <summary>The namespace of the webhook Service and of the certificate Secret.</summary>
    public string Namespace { get; set; } = "metallb-system";

    /// <summary>The Secret (type <c>kubernetes.io/tls</c>) holding the CA and the serving certificate in Self mode.</summary>
    public string SecretName { get; set; } = "metallb-svc-webhook-cert";

    /// <summary>The ValidatingWebhookConfiguration whose <c>caBundle</c>s are kept current.</summary>
    public string ValidatingWebhookConfigurationName { get; set; } = "metallb-svc-validating";

    /// <summary>The MutatingWebhookConfiguration whose <c>caBundle</c>s are kept current.</summary>
    public string MutatingWebhookConfigurationName { get; set; } = "metallb-svc-mutating";

    /// <summary>The CustomResourceDefinition whose conversion webhook <c>caBundle</c> is kept current.</summary>
    public string ConversionCrdName { get; set; } = "bgppeers.metallb.io";

    /// <summary>More subject alternative names: IP addresses or DNS names (e.g. <c>127.0.0.1</c> for a local API server).</summary>
    public List<string> ExtraSans { get; set; } = [];

    /// <summary>How long a serving certificate is valid (never beyond its CA).</summary>
    public TimeSpan CertValidity { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long a CA is valid; it is replaced when less than twice <see cref="RenewBefore"/> is left.</summary>
    public TimeSpan CaValidity { get; set; } = TimeSpan.FromDays(3650);

    /// <summary>A serving certificate is renewed when less than this is left.</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the certificate is checked (Self mode) or the files are re-read (External mode).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Self mode without a cluster: the directory keeping the CA and serving certificate PEMs, so a restart reuses
    /// them. When unset, they live in the Secret <see cref="SecretName"/>.
    /// </summary>
    public string? CertDir { get; set; }

    /// <summary>External mode: the PEM file with the serving certificate (the first certificate in it is served).</summary>
    public string? CertFile { get; set; }

    /// <summary>External mode: the PEM file with the serving certificate's private key.</summary>
    public string? KeyFile { get; set; }

    /// <summary>True when Self mode keeps its certificates in a Secret and publishes caBundles through the API server.</summary>
    public bool UsesCluster => Mode == CertificateMode.Self && string.IsNullOrWhiteSpace(CertDir);
}
