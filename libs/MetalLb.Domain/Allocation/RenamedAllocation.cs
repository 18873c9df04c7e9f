using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

/// <summary>An allocation kept across a configuration change but now recorded under another pool (renamed or split).</summary>
public sealed record RenamedAllocation(string ServiceKey, IReadOnlyList<IpAddress> Ips, string PreviousPool, string Pool);
