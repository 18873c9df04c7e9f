using MetalLb.Domain.Config;

namespace MetalLb.Domain.Validation;

/// <summary>
/// BGPPeer timers: hold/keepalive derivation and rules R7/R8 (METALLB-SPEC §1.4), connectTime's schema rules (R14).
/// </summary>
public static class BgpPeerTimerRules
{
    public const long MinHoldSeconds = 3;
    public const long MinConnectSeconds = 1;
    public const long MaxConnectSeconds = 65535;

    private const string HoldField = "spec.holdTime";
    private const string KeepaliveField = "spec.keepaliveTime";
    private const string ConnectField = "spec.connectTime";
    private const string TimersPrefix = "invalid BGPPeer timers: ";

    /// <summary>
    /// Parses holdTime and keepaliveTime and derives the missing one: only hold given → keepalive = hold/3; only
    /// keepalive given → hold = 3×keepalive; neither → both null (backend default). Returns false after reporting.
    /// </summary>
    public static bool Check(ValidationContext ctx, BgpPeer obj, out TimeSpan? holdTime, out TimeSpan? keepaliveTime)
    {
        holdTime = null;
        keepaliveTime = null;
        var spec = obj.Spec;
        var holdOk = TryParse(ctx, obj, HoldField, "hold time", spec.HoldTime, out var givenHold);
        var keepaliveOk = TryParse(ctx, obj, KeepaliveField, "keepaliveTime", spec.KeepaliveTime, out var givenKeepalive);
        if (!holdOk || !keepaliveOk)
        {
            return false;
        }

        if (givenHold is null && givenKeepalive is null)
        {
            return true;
        }

        // Arithmetic in nanoseconds, as MetalLB does on time.Duration, so hold/3 rounds the same way.
        var keepalive = givenKeepalive ?? givenHold!.Value / 3;
        if (givenHold is null && Math.Abs(keepalive) > long.MaxValue / 3)
        {
            ctx.Error(obj, KeepaliveField,
                $"{TimersPrefix}invalid keepaliveTime {Q(keepalive)}: 3 x keepaliveTime (the derived hold time) is too large");
            return false;
        }

        var hold = givenHold ?? keepalive * 3;
        var wholeSeconds = hold / GoDuration.NanosecondsPerSecond;

        // MetalLB truncates toward zero, so -0.5s would pass as 0; a negative hold time is rejected here instead.
        if (hold < 0 || (wholeSeconds != 0 && wholeSeconds < MinHoldSeconds))
        {
            var derived = givenHold is null ? $" (3 x keepaliveTime {Q(keepalive)})" : "";
            ctx.Error(obj, givenHold is null ? KeepaliveField : HoldField,
                $"{TimersPrefix}invalid hold time {Q(hold)}{derived}: must be 0 or >=3s");
            return false;
        }

        if (keepalive < 0)
        {
            ctx.Error(obj, KeepaliveField, $"{TimersPrefix}invalid keepaliveTime {Q(keepalive)}: must not be negative");
            return false;
        }

        if (keepalive > hold)
        {
            ctx.Error(obj, KeepaliveField,
                $"{TimersPrefix}invalid keepaliveTime {Q(keepalive)}, must be lower than holdTime {Q(hold)}");
            return false;
        }

        holdTime = ToTimeSpan(hold);
        keepaliveTime = ToTimeSpan(keepalive);
        return true;
    }

    /// <summary>
    /// connectTime: 1–65535 whole seconds. Mirrors the CRD's CEL rules, which compare truncated seconds for the
    /// range and total milliseconds for wholeness. Returns false after reporting.
    /// </summary>
    public static bool CheckConnectTime(ValidationContext ctx, BgpPeer obj, out TimeSpan? connectTime)
    {
        connectTime = null;
        if (!TryParse(ctx, obj, ConnectField, "connectTime", obj.Spec.ConnectTime, out var connect))
        {
            return false;
        }

        if (connect is not { } value)
        {
            return true;
        }

        var ok = true;
        var seconds = value / GoDuration.NanosecondsPerSecond;
        if (seconds is < MinConnectSeconds or > MaxConnectSeconds)
        {
            ctx.Error(obj, ConnectField,
                $"invalid connectTime {Q(value)}: connect time should be between 1 seconds to 65535");
            ok = false;
        }

        if (value / 1_000_000 % 1000 != 0)
        {
            ctx.Error(obj, ConnectField,
                $"invalid connectTime {Q(value)}: connect time should contain a whole number of seconds");
            ok = false;
        }

        connectTime = ok ? ToTimeSpan(value) : null;
        return ok;
    }

    private static bool TryParse(
        ValidationContext ctx, BgpPeer obj, string field, string what, string? text, out long? nanoseconds)
    {
        nanoseconds = null;
        if (text is null)
        {
            return true;
        }

        if (!GoDuration.TryParseNanoseconds(text, out var value, out var error))
        {
            var prefix = field == ConnectField ? "" : TimersPrefix;
            ctx.Error(obj, field, $"{prefix}invalid {what} \"{text}\": {error}");
            return false;
        }

        // v1beta1 holds the timers as plain durations where 0 means unset (METALLB-SPEC §1.4); keep that meaning
        // so a converted v1beta1 peer gets the backend default rather than a hold time of 0.
        nanoseconds = value == 0 && field != ConnectField && obj.SourceVersion == BgpPeerRules.DeprecatedVersion
            ? null
            : value;
        return true;
    }

    private static TimeSpan ToTimeSpan(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / GoDuration.NanosecondsPerTick);

    private static string Q(long nanoseconds) => $"\"{GoDuration.Format(nanoseconds)}\"";
}
