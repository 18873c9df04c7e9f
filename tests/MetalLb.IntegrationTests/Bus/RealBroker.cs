namespace MetalLb.IntegrationTests.Bus;

/// <summary>
/// The real-broker tests run one at a time: each starts its own kube-apiserver and RabbitMQ, and side by side on a
/// small machine they would compete for the CPU the timeouts assume.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealBroker
{
    public const string Name = "RabbitMQ bus";
}
