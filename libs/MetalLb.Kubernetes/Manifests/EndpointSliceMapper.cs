using MetalLb.Domain.Config;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>Reads a discovery.k8s.io EndpointSlice (v1, or v1beta1 with the node in its topology) into its endpoints.</summary>
internal static class EndpointSliceMapper
{
    private const string ServiceNameLabel = "kubernetes.io/service-name";
    private const string HostnameTopologyKey = "kubernetes.io/hostname";

    public static void Read(ObjectContext context, bool legacyTopology)
    {
        if (context.Read<EndpointSliceDocument>() is not { } document)
        {
            return;
        }

        var meta = context.Meta(document.Metadata);
        context.Objects.EndpointSlices.Add(new EndpointSliceInfo(meta)
        {
            ServiceName = meta.Labels.TryGetValue(ServiceNameLabel, out var service) ? service : null,
            Endpoints = [.. (document.Endpoints ?? []).Select(e => ToEndpoint(e, legacyTopology))],
        });
    }

    /// <summary>v1beta1 put the node in <c>topology["kubernetes.io/hostname"]</c>; v1 has <c>nodeName</c>.</summary>
    private static EndpointInfo ToEndpoint(Endpoint endpoint, bool legacyTopology) => new()
    {
        NodeName = legacyTopology && endpoint.Topology?.TryGetValue(HostnameTopologyKey, out var host) == true
            ? host
            : endpoint.NodeName,
        Addresses = endpoint.Addresses ?? [],
        Ready = endpoint.Conditions?.Ready,
        Serving = endpoint.Conditions?.Serving,
    };

    private sealed class EndpointSliceDocument
    {
        public ObjectMeta? Metadata { get; init; }

        public IReadOnlyList<Endpoint>? Endpoints { get; init; }
    }

    private sealed class Endpoint
    {
        public IReadOnlyList<string>? Addresses { get; init; }

        public EndpointConditions? Conditions { get; init; }

        public string? NodeName { get; init; }

        public IReadOnlyDictionary<string, string>? Topology { get; init; }
    }

    private sealed class EndpointConditions
    {
        public bool? Ready { get; init; }

        public bool? Serving { get; init; }
    }
}
