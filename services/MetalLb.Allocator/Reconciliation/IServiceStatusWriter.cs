using MetalLb.Domain.Config;
using MetalLb.Domain.Net;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>Writes a Service's <c>status.loadBalancer.ingress</c> and its <c>ip-allocated-from-pool</c> annotation.</summary>
public interface IServiceStatusWriter
{
    /// <param name="service">The Service as last seen (its resourceVersion guards the write).</param>
    /// <param name="ips">The IPs in status order; empty clears the ingress.</param>
    /// <param name="pool">The pool the IPs came from; null removes the annotation.</param>
    /// <param name="cancellationToken">Cancelled when the host stops or leadership is lost.</param>
    Task WriteAsync(ServiceInfo service, IReadOnlyList<IpAddress> ips, string? pool, CancellationToken cancellationToken);
}
