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
    private long _validations;
    private long _invalid;
    private volatile bool _hasBeenValid;

    public ValidationOptions Options { get; } = options.Value.ToValidationOptions();

    /// <summary>Sets of current objects validated so far (one per change of the store that a request or scrape saw).</summary>
    public long Validations => Interlocked.Read(ref _validations);

    /// <summary>Of <see cref="Validations"/>, those that did not validate.</summary>
    public long InvalidValidations => Interlocked.Read(ref _invalid);

    /// <summary>True once some set of current objects has validated.</summary>
    public bool HasBeenValid => _hasBeenValid;

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
        Interlocked.Increment(ref _validations);
        if (entry.Result.IsValid)
        {
            _hasBeenValid = true;
        }
        else
        {
            Interlocked.Increment(ref _invalid);
        }

        return entry;
    }

    public ValidationResult Validate(ConfigSource source) => ConfigValidator.Validate(source, Options);
}
