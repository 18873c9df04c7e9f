using k8s;
using k8s.Models;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;

namespace MetalLb.Allocator.Adapters;

/// <summary>
/// Creates core/v1 Events on a Service; the involved object carries the uid so <c>kubectl describe</c> shows them.
/// </summary>
internal sealed class KubernetesServiceEventRecorder(IKubernetes client, TimeProvider timeProvider) : IServiceEventRecorder
{
    public const string Component = "metallb-svc-allocator";

    public async Task RecordAsync(ServiceInfo service, AllocationEvent allocationEvent, CancellationToken cancellationToken)
    {
        var ns = service.Metadata.Namespace ?? "default";
        await client.CoreV1.CreateNamespacedEventAsync(ToEvent(service, allocationEvent, timeProvider.GetUtcNow().UtcDateTime), ns, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    internal static Corev1Event ToEvent(ServiceInfo service, AllocationEvent allocationEvent, DateTime now)
    {
        var meta = service.Metadata;
        return new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{meta.Name}.{Guid.NewGuid():N}"[..Math.Min(meta.Name.Length + 17, 253)],
                NamespaceProperty = meta.Namespace,
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = "v1",
                Kind = ServiceInfo.KindName,
                Name = meta.Name,
                NamespaceProperty = meta.Namespace,
                Uid = meta.Uid,
                ResourceVersion = meta.ResourceVersion,
            },
            Type = allocationEvent.Type == AllocationEventType.Warning ? "Warning" : "Normal",
            Reason = allocationEvent.Reason,
            Message = allocationEvent.Message,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
    }
}
