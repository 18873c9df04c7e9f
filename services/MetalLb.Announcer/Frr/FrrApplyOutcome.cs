namespace MetalLb.Announcer.Frr;

/// <summary>What one debounced reload attempt did.</summary>
public enum FrrApplyOutcome
{
    /// <summary>FRR now runs the new configuration.</summary>
    Applied,

    /// <summary>The rendered text equals the one FRR runs: nothing was reloaded.</summary>
    Unchanged,

    /// <summary>The reload failed; it is tried again after the retry interval.</summary>
    Failed,
}
