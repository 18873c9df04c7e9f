using MetalLb.Hosting.Announcing;

namespace MetalLb.Cli.Lab;

/// <summary>One simulated announcer: the real agent over a data plane that records what it would send.</summary>
public sealed class SimulatedNode : IDisposable
{
    public SimulatedNode(string name, IReadOnlySet<string> live)
    {
        Name = name;
        Agent = new AnnouncerAgent(name, DataPlane, c => live.Contains(c.Node));
    }

    public string Name { get; }

    public RecordingDataPlane DataPlane { get; } = new();

    public AnnouncerAgent Agent { get; }

    public void Dispose() => Agent.Dispose();
}
