using MetalLb.Domain.Config;
using MetalLb.Domain.Validation;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Webhooks;

/// <summary>
/// Validates sets of objects with the webhook's rule settings, remembering the result for the last store snapshot so
/// the current set is validated once per change, not once per request.
/// </summary>
public sealed class ValidationCache(IOptions<WebhookOptions> options)
{
    private volatile ValidatedSet? _last;

    public ValidationOptions Options { get; } = options.Value.ToValidationOptions();

    /// <summary>The result for the current set, computed once per snapshot instance.</summary>
    public ValidatedSet Current(ConfigSource snapshot)
    {
        var last = _last;
        if (last is not null && ReferenceEquals(last.Source, snapshot))
        {
            return last;
        }

        var entry = new ValidatedSet(snapshot, ConfigValidator.Validate(snapshot, Options));
        _last = entry;
        return entry;
    }

    public ValidationResult Validate(ConfigSource source) => ConfigValidator.Validate(source, Options);
}
