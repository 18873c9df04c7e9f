using System.Reflection;
using MetalLb.Allocator;
using MetalLb.Hosting.Announcing;
using MetalLb.Webhook;

namespace MetalLb.IntegrationTests.Observability;

/// <summary>The span attribute names the services set: the <c>…Tag</c> constants of their telemetry classes.</summary>
internal static class SpanAttributes
{
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(
        new[] { typeof(AllocatorTelemetry), typeof(AnnouncerTelemetry), typeof(WebhookTelemetry) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name.EndsWith("Tag", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!),
        StringComparer.Ordinal);
}
