namespace MetalLb.Webhook.Tests;

/// <summary>
/// Tests that read exact metric values run alone: OpenTelemetry's listener sees the meters of every webhook host in the
/// process, so another test's requests would add to the counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsAlone
{
    public const string Name = "metrics alone";
}
