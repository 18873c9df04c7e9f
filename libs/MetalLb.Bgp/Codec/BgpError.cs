using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Codec;

/// <summary>
/// Why a message from a peer was rejected: the NOTIFICATION to send on a session reset (or to log for the RFC 7606
/// lighter actions), what to do, and a reason in words.
/// </summary>
public sealed record BgpError(NotificationMessage Notification, BgpErrorAction Action, string Reason)
{
    public static BgpError Reset(NotificationMessage notification, string reason) => new(notification, BgpErrorAction.SessionReset, reason);

    public override string ToString() => $"{Action}: {Reason} ({Notification.Code}/{Notification.Subcode})";
}
