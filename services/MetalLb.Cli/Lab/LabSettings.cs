using MetalLb.Domain.Validation;

namespace MetalLb.Cli.Lab;

/// <summary>What <c>metallb-svc lab</c> was asked to run.</summary>
public sealed record LabSettings
{
    public string Namespace { get; init; } = ValidationOptions.DefaultNamespace;

    public BgpBackend BgpMode { get; init; } = BgpBackend.Native;

    public string? LoadBalancerClass { get; init; }

    /// <summary>How many simulated announcer nodes; null means one per Node in the input (at least one).</summary>
    public int? Nodes { get; init; }

    /// <summary>An <c>amqp://</c> or <c>amqps://</c> URL; null runs the bus in memory.</summary>
    public Uri? Broker { get; init; }

    /// <summary>How long to wait for everything to settle before giving up.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Log the services' Information messages to standard error, not only warnings.</summary>
    public bool Verbose { get; init; }
}
