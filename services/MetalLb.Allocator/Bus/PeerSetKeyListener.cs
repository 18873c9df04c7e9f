using MetalLb.Allocator.Reconciliation;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Allocator.Bus;

/// <summary>
/// A new sealing key asks the reconcile loop for a pass, in which <see cref="BusPeerSetPublisher"/> sees the new key
/// id and seals every set with a password again; doing it in the loop keeps the publisher single-threaded and leader-only.
/// </summary>
public sealed class PeerSetKeyListener(AllocatorWorker worker, ILogger<PeerSetKeyListener> logger) : IPasswordKeyListener
{
    public Task OnKeyChangedAsync(CancellationToken cancellationToken)
    {
        PeerSetLog.KeyChanged(logger);
        worker.RequestPass();
        return Task.CompletedTask;
    }
}
