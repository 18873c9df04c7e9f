namespace MetalLb.Benchmarks.L2Failover;

/// <summary>The address-resolution frames the benchmark tells apart.</summary>
internal enum WireKind
{
    Other,
    ArpRequest,
    ArpReply,
    NeighborSolicitation,
    NeighborAdvertisement,
}
