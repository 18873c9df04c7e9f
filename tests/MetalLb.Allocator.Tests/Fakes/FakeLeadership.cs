using MetalLb.Allocator.Bus;

namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>Leadership a test switches by hand.</summary>
internal sealed class FakeLeadership : ILeadership
{
    public bool IsLeader { get; set; } = true;

    /// <summary>Leading with every plan published; a new leader before its first full pass is not.</summary>
    public bool PlansComplete { get; set; } = true;

    public bool IsAuthoritative => IsLeader && PlansComplete;
}
