using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Config;
using MetalLb.Domain.Net;

namespace MetalLb.Allocator.Adapters;

/// <summary>
/// Writes <c>status.loadBalancer.ingress</c> through the status subresource (a merge patch guarded by the
/// resourceVersion the decision was made on; on 409 it re-reads and retries) and the pool annotation through a
/// metadata merge patch (null removes it).
/// </summary>
internal sealed class KubernetesServiceStatusWriter(IKubernetes client) : IServiceStatusWriter
{
    public async Task WriteAsync(ServiceInfo service, IReadOnlyList<IpAddress> ips, string? pool, CancellationToken cancellationToken)
    {
        var name = service.Metadata.Name;
        var ns = service.Metadata.Namespace ?? "default";
        try
        {
            await ConflictRetry.RunAsync(async attempt =>
            {
                var version = attempt == 0
                    ? service.Metadata.ResourceVersion
                    : (await client.CoreV1.ReadNamespacedServiceStatusAsync(name, ns, cancellationToken: cancellationToken)
                        .ConfigureAwait(false)).Metadata.ResourceVersion;
                await client.CoreV1.PatchNamespacedServiceStatusAsync(
                    MergePatch(StatusPatch(version, ips)), name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);

            await client.CoreV1.PatchNamespacedServiceAsync(
                MergePatch(AnnotationPatch(service, pool)), name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ConflictRetry.IsNotFound(ex))
        {
            // Deleted meanwhile: the watch delivers the deletion and the reconciler releases it.
        }
    }

    internal static JsonObject StatusPatch(string? resourceVersion, IReadOnlyList<IpAddress> ips)
    {
        JsonNode? ingress = ips.Count == 0
            ? null
            : new JsonArray([.. ips.Select(ip => (JsonNode)new JsonObject { ["ip"] = ip.ToString() })]);
        var patch = new JsonObject
        {
            ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = ingress } },
        };
        if (!string.IsNullOrEmpty(resourceVersion))
        {
            patch["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion };
        }

        return patch;
    }

    internal static JsonObject AnnotationPatch(ServiceInfo service, string? pool)
    {
        var annotations = new JsonObject { [ServiceAnnotations.IPAllocatedFromPool] = pool };
        if (service.Metadata.Annotations.ContainsKey(ServiceAnnotations.DeprecatedIPAllocatedFromPool))
        {
            // The stable annotation wins when both are present; the deprecated one would only mislead.
            annotations[ServiceAnnotations.DeprecatedIPAllocatedFromPool] = null;
        }

        return new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } };
    }

    private static V1Patch MergePatch(JsonObject body) =>
        new(body.ToJsonString(JsonSerializerOptions.Default), V1Patch.PatchType.MergePatch);
}
