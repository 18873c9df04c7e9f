using System.Diagnostics;

namespace MetalLb.Hosting.Announcing;

/// <summary>The announcer's ActivitySource and the tag names of its spans.</summary>
public static class AnnouncerTelemetry
{
    public const string SourceName = "MetalLb.Announcer";

    public const string NodeTag = "announcer.node";

    public const string ServiceTag = "announcer.service";

    public const string GenerationTag = "announcer.generation";

    public const string ElectedTag = "announcer.l2.elected";

    public const string ClaimsTag = "announcer.l2.claims_sent";

    public const string UpdatesTag = "announcer.bgp.updates_sent";

    public static ActivitySource Source { get; } = new(SourceName, typeof(AnnouncerTelemetry).Assembly.GetName().Version?.ToString());
}
