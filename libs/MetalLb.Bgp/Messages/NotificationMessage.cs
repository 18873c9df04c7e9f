namespace MetalLb.Bgp.Messages;

/// <summary>A NOTIFICATION (RFC 4271 §4.5): error code, subcode and diagnostic data; the session closes after it.</summary>
public sealed record NotificationMessage(BgpErrorCode Code, byte Subcode, byte[] Data) : BgpMessage
{
    public override BgpMessageType Type => BgpMessageType.Notification;

    public static NotificationMessage Header(MessageHeaderError subcode, params byte[] data) => new(BgpErrorCode.MessageHeader, (byte)subcode, data);

    public static NotificationMessage Open(OpenMessageError subcode, params byte[] data) => new(BgpErrorCode.OpenMessage, (byte)subcode, data);

    public static NotificationMessage Update(UpdateMessageError subcode, params byte[] data) => new(BgpErrorCode.UpdateMessage, (byte)subcode, data);

    public static NotificationMessage Cease(CeaseSubcode subcode, params byte[] data) => new(BgpErrorCode.Cease, (byte)subcode, data);

    public static NotificationMessage HoldTimerExpired() => new(BgpErrorCode.HoldTimerExpired, 0, []);

    public override string ToString() => $"NOTIFICATION {Code}/{Subcode} ({Data.Length} data octets)";
}
