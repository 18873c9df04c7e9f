using MetalLb.Allocator.Bus;

namespace MetalLb.Cli.Lab;

/// <summary>The lab runs one allocator, which always leads.</summary>
public sealed class LabLeadership : ILeadership
{
    public bool IsLeader => true;
}
