namespace MetalLb.IntegrationTests.Metrics;

/// <summary>
/// Tests that read exact metric values run alone: OpenTelemetry's listener sees the meters of every host in the test
/// process, so another test's allocator would add its pools and counts to ours.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsAlone
{
    public const string Name = "metrics alone";
}
