using MetalLb.Domain.Config;

namespace MetalLb.Domain.Allocation;

/// <summary>The in-use IPs of one pool and family that carry one (sharing key, backend key) pair, sorted.</summary>
/// <remarks>
/// A Service with the same keys may co-locate on any of these IPs whose ports it does not clash with, so the
/// lowest compatible shared IP is found by a ceiling lookup plus a walk over this group only. The per-port IP
/// counts let a Service skip the whole group in O(#ports) when every IP of the group already uses one of its ports
/// (the common "everyone shares key X on port 443" case), so the walk only ever visits IPs of the same key.
/// </remarks>
internal sealed class SharingGroup
{
    private readonly Dictionary<ServicePort, int> _ipsUsingPort = [];

    public OrderedTree<IpState> Ips { get; } = new();

    public int Count => Ips.Count;

    public void AddPort(ServicePort port) => _ipsUsingPort[port] = _ipsUsingPort.GetValueOrDefault(port) + 1;

    public void RemovePort(ServicePort port)
    {
        var count = _ipsUsingPort.GetValueOrDefault(port) - 1;
        if (count <= 0)
        {
            _ipsUsingPort.Remove(port);
        }
        else
        {
            _ipsUsingPort[port] = count;
        }
    }

    /// <summary>True when every IP of the group already serves one of <paramref name="ports"/>.</summary>
    public bool IsSaturatedFor(IReadOnlyList<ServicePort> ports)
    {
        foreach (var port in ports)
        {
            if (_ipsUsingPort.GetValueOrDefault(port) >= Count)
            {
                return true;
            }
        }

        return false;
    }
}
