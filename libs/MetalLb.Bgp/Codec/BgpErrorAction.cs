namespace MetalLb.Bgp.Codec;

/// <summary>What RFC 4271 §6 and RFC 7606 tell the receiver to do about a malformed message, most severe first.</summary>
public enum BgpErrorAction
{
    /// <summary>Send the NOTIFICATION and close the session (RFC 4271 §6).</summary>
    SessionReset,

    /// <summary>Keep the session; treat every route of the UPDATE as withdrawn (RFC 7606 §2).</summary>
    TreatAsWithdraw,

    /// <summary>Keep the session and the routes; the malformed attribute was dropped (RFC 7606 §2).</summary>
    AttributeDiscard,
}
