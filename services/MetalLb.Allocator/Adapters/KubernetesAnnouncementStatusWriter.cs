using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Contracts;
using MetalLb.Domain.Allocation;
using MetalLb.Kubernetes.Caching;

namespace MetalLb.Allocator.Adapters;

/// <summary>
/// Writes ServiceL2Status and ServiceBGPStatus objects in the MetalLB namespace (METALLB-SPEC §1.7–1.8), one per
/// (Service, node), with MetalLB's labels; deletes it when the node stops announcing; emits <c>nodeAssigned</c>.
/// </summary>
/// <remarks>
/// Names are derived from (protocol, Service, node) instead of MetalLB's <c>generateName</c>, so a write is idempotent
/// and a new leader finds the objects of the old one. The announcer has no API access, so the objects have no owner
/// pod; a Service in another namespace cannot own them either, so deletion is explicit.
/// </remarks>
internal sealed class KubernetesAnnouncementStatusWriter(
    IKubernetes client, ClusterObjectCache cache, AllocatorOptions options, TimeProvider timeProvider)
    : IAnnouncementStatusWriter
{
    public const string Group = "metallb.io";
    public const string Version = "v1beta1";
    public const string NodeLabel = "metallb.io/node";
    public const string ServiceNameLabel = "metallb.io/service-name";
    public const string ServiceNamespaceLabel = "metallb.io/service-namespace";

    public async Task WriteAsync(AnnouncementStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var (plural, kind, prefix, protocol) = status.Protocol == "bgp"
            ? ("servicebgpstatuses", "ServiceBGPStatus", "bgp", "bgp")
            : ("servicel2statuses", "ServiceL2Status", "l2", "layer2");
        var name = ObjectName(prefix, status.ServiceKey, status.Node);
        if (!status.Announcing)
        {
            try
            {
                await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, Version, options.Namespace, plural, name, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (HttpOperationException ex) when (ConflictRetry.IsNotFound(ex))
            {
            }

            return;
        }

        var (serviceNamespace, serviceName) = Split(status.ServiceKey);
        var body = new JsonObject
        {
            ["apiVersion"] = $"{Group}/{Version}",
            ["kind"] = kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = options.Namespace,
                ["labels"] = new JsonObject
                {
                    [NodeLabel] = status.Node,
                    [ServiceNameLabel] = serviceName,
                    [ServiceNamespaceLabel] = serviceNamespace,
                },
            },
        };
        var created = false;
        try
        {
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Group, Version, options.Namespace, plural, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            created = true;
        }
        catch (HttpOperationException ex) when (ConflictRetry.IsConflict(ex))
        {
            // Already there (AlreadyExists is a 409): the status patch below brings it up to date.
        }

        var patch = new V1Patch(StatusPatch(status, serviceName, serviceNamespace).ToJsonString(), V1Patch.PatchType.MergePatch);
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(patch, Group, Version, options.Namespace, plural, name, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (created && cache.Snapshot.Services.FirstOrDefault(s => s.Key == status.ServiceKey) is { } service)
        {
            var message = $"announcing from node \"{status.Node}\" with protocol \"{protocol}\"";
            var e = KubernetesServiceEventRecorder.ToEvent(service, new AllocationEvent(AllocationEventType.Normal, "nodeAssigned", message), timeProvider.GetUtcNow().UtcDateTime);
            await client.CoreV1.CreateNamespacedEventAsync(e, serviceNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><c>l2-</c> or <c>bgp-</c> and 20 hex digits of SHA-256 over Service and node: stable and a valid name.</summary>
    internal static string ObjectName(string prefix, string serviceKey, string node) =>
        $"{prefix}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{serviceKey}@{node}")))[..20]}";

    internal static JsonObject StatusPatch(AnnouncementStatus status, string serviceName, string serviceNamespace)
    {
        var body = new JsonObject
        {
            ["node"] = status.Node,
            ["serviceName"] = serviceName,
            ["serviceNamespace"] = serviceNamespace,
        };
        if (status.Protocol == "bgp")
        {
            body["peers"] = new JsonArray([.. status.Peers.Select(p => (JsonNode)p)]);
        }
        else
        {
            body["interfaces"] = new JsonArray([.. status.Interfaces.Select(i => (JsonNode)new JsonObject { ["name"] = i })]);
        }

        return new JsonObject { ["status"] = body };
    }

    private static (string Namespace, string Name) Split(string serviceKey)
    {
        var slash = serviceKey.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("default", serviceKey) : (serviceKey[..slash], serviceKey[(slash + 1)..]);
    }
}
