namespace MetalLb.Bgp.Messages;

/// <summary>Subcodes of Cease (RFC 4486, RFC 8538 for Hard Reset).</summary>
public enum CeaseSubcode : byte
{
    MaximumPrefixesReached = 1,
    AdministrativeShutdown = 2,
    PeerDeconfigured = 3,
    AdministrativeReset = 4,
    ConnectionRejected = 5,
    OtherConfigurationChange = 6,
    ConnectionCollisionResolution = 7,
    OutOfResources = 8,
    HardReset = 9,
}
