using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Allocation;

namespace MetalLb.Allocator.Adapters;

/// <summary>Writes an IPAddressPool's assigned/available counts per family through its status subresource.</summary>
internal sealed class KubernetesPoolStatusWriter(IKubernetes client, AllocatorOptions options) : IPoolStatusWriter
{
    public async Task WriteAsync(PoolUsage usage, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(StatusPatch(usage).ToJsonString(), V1Patch.PatchType.MergePatch);
        try
        {
            await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
                patch, "metallb.io", "v1beta1", options.Namespace, "ipaddresspools", usage.Pool, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ConflictRetry.IsNotFound(ex))
        {
            // The pool was deleted meanwhile; the next configuration drops it.
        }
    }

    internal static JsonObject StatusPatch(PoolUsage usage) => new()
    {
        ["status"] = new JsonObject
        {
            ["assignedIPv4"] = usage.V4.AssignedInt64,
            ["assignedIPv6"] = usage.V6.AssignedInt64,
            ["availableIPv4"] = usage.V4.AvailableInt64,
            ["availableIPv6"] = usage.V6.AvailableInt64,
        },
    };
}
