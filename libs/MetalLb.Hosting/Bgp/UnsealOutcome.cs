namespace MetalLb.Hosting.Bgp;

/// <summary>How unsealing a password went.</summary>
public enum UnsealOutcome
{
    /// <summary>The password is readable.</summary>
    Unsealed,

    /// <summary>This side has no key (none configured, or its file is missing or unreadable).</summary>
    NoKey,

    /// <summary>The password was sealed under another key (a rotation not yet seen on both sides).</summary>
    OtherKey,

    /// <summary>It does not authenticate: altered, malformed, or sealed for another node or peer.</summary>
    Invalid,
}
