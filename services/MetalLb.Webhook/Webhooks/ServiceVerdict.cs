namespace MetalLb.Webhook.Webhooks;

/// <summary>
/// Whether a Service's request can be met: a denial reason when it never can (or conflicts now), its
/// <see cref="Domain.Allocation.AllocationFailure"/> code, and warnings.
/// </summary>
public sealed record ServiceVerdict(string? Denial, IReadOnlyList<string> Warnings, string? Reason = null)
{
    public static ServiceVerdict Feasible { get; } = new(null, []);

    public static ServiceVerdict Warn(string warning) => new(null, [warning]);

    public static ServiceVerdict Deny(string denial, string reason) => new(denial, [], reason);
}
