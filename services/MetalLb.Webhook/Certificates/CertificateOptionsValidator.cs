using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Certificates;

/// <summary>Checks <see cref="CertificateOptions"/> at start so a bad setting fails with its name.</summary>
internal sealed class CertificateOptionsValidator : IValidateOptions<CertificateOptions>
{
    public ValidateOptionsResult Validate(string? name, CertificateOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"{CertificateOptions.SectionName}:Mode must be Self, External or Disabled");
        }

        if (!TlsVersions.IsKnown(options.MinTlsVersion))
        {
            failures.Add($"{CertificateOptions.SectionName}:MinTlsVersion must be \"1.2\" or \"1.3\", not \"{options.MinTlsVersion}\"");
        }

        if (options.Mode == CertificateMode.External)
        {
            RequireFile(failures, nameof(options.CertFile), options.CertFile);
            RequireFile(failures, nameof(options.KeyFile), options.KeyFile);
        }

        if (options.Mode == CertificateMode.Self)
        {
            ValidateSelf(failures, options);
        }

        Positive(failures, nameof(options.CheckInterval), options.CheckInterval);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSelf(List<string> failures, CertificateOptions options)
    {
        if (!ServingNames.IsDnsLabel(options.ServiceName))
        {
            failures.Add($"{CertificateOptions.SectionName}:ServiceName \"{options.ServiceName}\" is not a DNS label");
        }

        if (!ServingNames.IsDnsLabel(options.Namespace))
        {
            failures.Add($"{CertificateOptions.SectionName}:Namespace \"{options.Namespace}\" is not a DNS label");
        }

        foreach (var san in options.ExtraSans)
        {
            if (!ServingNames.IsValidSan(san))
            {
                failures.Add($"{CertificateOptions.SectionName}:ExtraSans entry \"{san}\" is neither an IP address nor a DNS name");
            }
        }

        if (options.UsesCluster && string.IsNullOrWhiteSpace(options.SecretName))
        {
            failures.Add($"{CertificateOptions.SectionName}:SecretName is required in Self mode without CertDir");
        }

        Positive(failures, nameof(options.RenewBefore), options.RenewBefore);
        if (options.CertValidity <= options.RenewBefore)
        {
            failures.Add($"{CertificateOptions.SectionName}:CertValidity ({options.CertValidity}) must be longer than RenewBefore ({options.RenewBefore})");
        }

        // The CA is replaced when less than twice RenewBefore is left, so a shorter CA would be replaced at once.
        if (options.CaValidity <= options.CertValidity || options.CaValidity <= 2 * options.RenewBefore)
        {
            failures.Add($"{CertificateOptions.SectionName}:CaValidity ({options.CaValidity}) must be longer than CertValidity and than twice RenewBefore");
        }

        // Every step of a rotation (new CA published, serving certificate switched) waits for the next check.
        if (options.CheckInterval > options.RenewBefore / 2)
        {
            failures.Add($"{CertificateOptions.SectionName}:CheckInterval ({options.CheckInterval}) must be at most half of RenewBefore ({options.RenewBefore})");
        }
    }

    private static void RequireFile(List<string> failures, string name, string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{CertificateOptions.SectionName}:{name} is required in External mode");
        }
    }

    private static void Positive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{CertificateOptions.SectionName}:{name} must be positive");
        }
    }
}
