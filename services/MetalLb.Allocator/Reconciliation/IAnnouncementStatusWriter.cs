using MetalLb.Contracts;

namespace MetalLb.Allocator.Reconciliation;

/// <summary>
/// Records what an announcer reports: a ServiceL2Status or ServiceBGPStatus per (Service, node) while it announces
/// (METALLB-SPEC §1.7–1.8), removed when it stops, and a <c>nodeAssigned</c> Event when it starts.
/// </summary>
public interface IAnnouncementStatusWriter
{
    Task WriteAsync(AnnouncementStatus status, CancellationToken cancellationToken);
}
