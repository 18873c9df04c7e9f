namespace MetalLb.Webhook.Tests.Certificates;

/// <summary>A clock the test moves by hand; only "now" is faked, timers are not used by the code under test.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
