using MetalLb.Domain.Config;
using MetalLb.Domain.Validation;

namespace MetalLb.Webhook.Webhooks;

/// <summary>A set of objects, its validation result and the identities of its errors.</summary>
public sealed class ValidatedSet(ConfigSource source, ValidationResult result)
{
    public ConfigSource Source { get; } = source;

    public ValidationResult Result { get; } = result;

    public IReadOnlySet<ProblemKey> ErrorKeys { get; } = result.Errors.Select(ProblemKey.Of).ToHashSet();

    private readonly Lazy<PoolAddressIndex?> _poolIndex = new(() => result.Config is { } config ? PoolAddressIndex.Build(config.Pools) : null);

    /// <summary>The pools' address ranges for the pool-write fast path; null when the set is invalid.</summary>
    public PoolAddressIndex? PoolIndex => _poolIndex.Value;
}
