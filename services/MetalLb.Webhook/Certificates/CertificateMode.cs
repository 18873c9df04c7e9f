namespace MetalLb.Webhook.Certificates;

/// <summary>Where the webhook's serving certificate comes from.</summary>
public enum CertificateMode
{
    /// <summary>The webhook owns a CA and a serving certificate, stores them and publishes the CA bundle.</summary>
    Self,

    /// <summary>PEM files mounted by someone else (cert-manager style), re-read when they change.</summary>
    External,

    /// <summary>Plain HTTP, for tests and TLS-terminating proxies.</summary>
    Disabled,
}
