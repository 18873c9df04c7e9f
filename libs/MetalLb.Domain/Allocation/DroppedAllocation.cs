using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

/// <summary>An allocation a configuration change released; the Service must be reconverged (and told why).</summary>
public sealed record DroppedAllocation(string ServiceKey, IReadOnlyList<IpAddress> Ips, string Pool, DropReason Reason, string Message);
