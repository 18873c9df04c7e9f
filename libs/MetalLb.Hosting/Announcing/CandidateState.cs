namespace MetalLb.Hosting.Announcing;

/// <summary>How a node stands for an L2 election.</summary>
public enum CandidateState
{
    /// <summary>Dead, gone, or without a usable interface among the candidate's: passed over.</summary>
    Unavailable,

    /// <summary>Alive but still learning who else is (just started or returned): it will take over when ready.</summary>
    Warming,

    /// <summary>Alive, ready, with a usable interface: can announce.</summary>
    Ready,
}
