namespace MetalLb.Domain.Allocation;

/// <summary>Why a configuration change took a Service's allocation away (METALLB-SPEC §3.6).</summary>
public enum DropReason
{
    /// <summary>The pool is gone and no other pool holds the IPs (includes deleting the last pool, QUIRK 9).</summary>
    PoolDeleted,

    /// <summary>The pool still exists but no longer contains the IPs (shrunk or split).</summary>
    AddressesRemoved,

    /// <summary>avoidBuggyIPs was turned on and the IP ends in .0 or .255.</summary>
    AvoidBuggyIPs,

    /// <summary>A dual-stack Service's pool no longer has one of its families, so both IPs go.</summary>
    FamilyRemoved,

    /// <summary>The pool's serviceAllocation (or a namespace's labels) no longer admits the Service.</summary>
    PoolIncompatible,
}
