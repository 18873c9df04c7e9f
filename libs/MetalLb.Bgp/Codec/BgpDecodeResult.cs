using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Codec;

/// <summary>
/// The outcome of decoding one message. On a session reset only <see cref="Error"/> is set; on treat-as-withdraw or
/// attribute discard <see cref="Message"/> is the UPDATE as far as it could be read (its routes are to be withdrawn
/// for treat-as-withdraw) and <see cref="Error"/> says why.
/// </summary>
public sealed record BgpDecodeResult(BgpMessage? Message, BgpError? Error)
{
    public bool IsSessionReset => Error is { Action: BgpErrorAction.SessionReset };

    public static BgpDecodeResult Ok(BgpMessage message) => new(message, null);

    public static BgpDecodeResult Fail(BgpError error) => new(null, error);
}
