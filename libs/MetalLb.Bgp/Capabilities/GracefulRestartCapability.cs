namespace MetalLb.Bgp.Capabilities;

/// <summary>
/// Graceful Restart (RFC 4724 §3): four restart flags (0x8 = Restart State, RFC 8538's 0x4 = Notification), a 12-bit
/// restart time in seconds and the families whose forwarding state may be preserved.
/// </summary>
public sealed record GracefulRestartCapability(byte RestartFlags, ushort RestartTime, IReadOnlyList<GracefulRestartFamily> Families) : BgpCapability
{
    public override byte Code => (byte)CapabilityCode.GracefulRestart;

    public bool RestartState => (RestartFlags & 0x8) != 0;

    public bool NotificationSupported => (RestartFlags & 0x4) != 0;
}
