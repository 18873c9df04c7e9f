using MetalLb.Allocator.Bus;

namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>Leadership a test switches by hand.</summary>
internal sealed class FakeLeadership : ILeadership
{
    public bool IsLeader { get; set; } = true;
}
