namespace MetalLb.Announcer.Frr;

/// <summary>
/// BGP timers in whole seconds as FRR takes them. MetalLB writes <c>neighbor X timers K H</c> only when both are
/// known: a hold time alone gives keepalive = hold / 3, a keepalive alone gives hold = 3 × keepalive (METALLB-SPEC
/// §1.4, §6.3); with neither, FRR's <c>traditional</c> defaults (60 s / 180 s) apply.
/// </summary>
public readonly record struct FrrTimers(long Keepalive, long Hold)
{
    /// <summary>The timers to write, or null when neither is configured.</summary>
    public static FrrTimers? From(TimeSpan? hold, TimeSpan? keepalive)
    {
        if (hold is null && keepalive is null)
        {
            return null;
        }

        var holdSeconds = hold is { } h ? (long)h.TotalSeconds : 3 * (long)keepalive!.Value.TotalSeconds;
        var keepaliveSeconds = keepalive is { } k ? (long)k.TotalSeconds : holdSeconds / 3;
        return new FrrTimers(keepaliveSeconds, holdSeconds);
    }

    /// <summary>FRR accepts keepalive 0–65535 and hold 0 or 3–65535.</summary>
    public bool IsValid => Keepalive is >= 0 and <= 65535 && (Hold == 0 || Hold is >= 3 and <= 65535);
}
