using MetalLb.Domain.Config;

namespace MetalLb.Domain.Validation;

/// <summary>
/// The admission fast path for one IPAddressPool create or update: the errors the write adds to a valid current set,
/// found without re-validating every pool (the webhook's p99 must not grow with the number of pools).
/// </summary>
/// <remarks>
/// It applies only where a pool write cannot change the verdict on any other object: the current set is valid and
/// holds no BGPAdvertisement (their aggregation and LOCAL_PREF rules read the pools they select). Elsewhere the caller
/// validates the whole set, which is always correct. Name clashes cannot arise: a write replaces the pool of its name.
/// </remarks>
public static class PoolWriteValidator
{
    private const int MaxOverlapsReported = 10;

    /// <summary>Problems of the write (the result carries no configuration), or null when the fast path does not apply.</summary>
    public static ValidationResult? Validate(
        ConfigSource current, ValidationResult currentResult, PoolAddressIndex index, IpAddressPool incoming, ValidationOptions options)
    {
        if (!currentResult.IsValid || current.BgpAdvertisements.Count > 0)
        {
            return null;
        }

        var own = ConfigValidator.Validate(new ConfigSource { Pools = [incoming] }, options);
        if (!own.IsValid || own.Config is null)
        {
            return own;
        }

        var problems = own.Problems.ToList();
        var pool = own.Config.Pools[0];
        var subject = ObjectRef.Of(incoming);
        foreach (var entry in pool.Entries)
        {
            foreach (var prefix in entry.Prefixes)
            {
                foreach (var (other, otherPrefix) in index.Overlapping(prefix, pool.Name).Take(MaxOverlapsReported))
                {
                    var message = $"CIDR \"{prefix}\" in pool \"{pool.Name}\" overlaps with already defined CIDR \"{otherPrefix}\" in pool \"{other}\"";
                    if (entry.IsRange)
                    {
                        message += $"; \"{prefix}\" is part of range \"{entry.Text}\"";
                    }

                    problems.Add(new ValidationProblem(subject, "spec.addresses", message));
                }

                if (problems.Count > MaxOverlapsReported)
                {
                    return new ValidationResult(problems, null);
                }
            }
        }

        return new ValidationResult(problems, null);
    }
}
