namespace MetalLb.Webhook.Certificates;

/// <summary>Log messages of the certificate handling (EventIds 4100–4199).</summary>
internal static partial class CertificateLog
{
    [LoggerMessage(4100, LogLevel.Information, "Serving certificate {Subject} ({Thumbprint}), valid until {NotAfter:O}, from {Source}")]
    public static partial void Serving(ILogger logger, string subject, string thumbprint, DateTime notAfter, string source);

    [LoggerMessage(4101, LogLevel.Information, "Stored certificate material in {Store}: {Changes}")]
    public static partial void Stored(ILogger logger, string store, string changes);

    [LoggerMessage(4102, LogLevel.Information, "Certificate {Store} was written by someone else (attempt {Attempt}); reading it again")]
    public static partial void StoreConflict(ILogger logger, string store, int attempt);

    [LoggerMessage(4103, LogLevel.Warning, "Certificate check failed; retrying in {Delay}")]
    public static partial void CheckFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(4104, LogLevel.Information, "A new CA is in the published bundle; certificates it signs are served once it has been published for {Delay}")]
    public static partial void SwitchPending(ILogger logger, TimeSpan delay);

    [LoggerMessage(4110, LogLevel.Information, "Patched caBundle of {Kind} {Name} ({Count} of {Total} client configs differed)")]
    public static partial void CaBundlePatched(ILogger logger, string kind, string name, int count, int total);

    [LoggerMessage(4111, LogLevel.Debug, "caBundle of {Kind} {Name} is already current")]
    public static partial void CaBundleCurrent(ILogger logger, string kind, string name);

    [LoggerMessage(4112, LogLevel.Warning, "{Kind} {Name} does not exist; its caBundle is not set")]
    public static partial void CaBundleTargetMissing(ILogger logger, string kind, string name);

    [LoggerMessage(4113, LogLevel.Warning, "{Kind} {Name} has no conversion webhook; its caBundle is not set")]
    public static partial void CaBundleTargetWithoutWebhook(ILogger logger, string kind, string name);

    [LoggerMessage(4114, LogLevel.Error, "Could not set the caBundle of {Kind} {Name}")]
    public static partial void CaBundlePatchFailed(ILogger logger, Exception exception, string kind, string name);

    [LoggerMessage(4115, LogLevel.Information, "{Kind} {Name} changed while its caBundle was patched (attempt {Attempt}); reading it again")]
    public static partial void CaBundleConflict(ILogger logger, string kind, string name, int attempt);

    [LoggerMessage(4116, LogLevel.Debug, "No API server to publish the CA bundle to; clients trust {Path}")]
    public static partial void CaBundleLocal(ILogger logger, string path);

    [LoggerMessage(4120, LogLevel.Warning, "Could not load the certificate {CertFile} with key {KeyFile}; still serving the previous one")]
    public static partial void ExternalLoadFailed(ILogger logger, Exception exception, string certFile, string keyFile);

    [LoggerMessage(4121, LogLevel.Warning, "The certificate in {CertFile} is not valid now (valid {NotBefore:O} to {NotAfter:O})")]
    public static partial void ExternalNotValid(ILogger logger, string certFile, DateTime notBefore, DateTime notAfter);
}
