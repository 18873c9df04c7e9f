using MetalLb.Domain.Config;

namespace MetalLb.Domain.Announcement;

/// <summary>Where a service's serving endpoints are, read from its EndpointSlices.</summary>
internal sealed class ServiceEndpoints
{
    private readonly HashSet<string> _servingNodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _servingNodesWithAddress = new(StringComparer.Ordinal);

    private ServiceEndpoints()
    {
    }

    /// <summary>Some endpoint can serve, on any node or none (the L2 rule).</summary>
    public bool AnyServing { get; private set; }

    /// <summary>Some endpoint with an address can serve (the BGP rule, METALLB-SPEC §2.6).</summary>
    public bool AnyServingWithAddress { get; private set; }

    /// <summary>Slices belong to the service through <c>kubernetes.io/service-name</c> in the service's namespace.</summary>
    public static ServiceEndpoints For(ServiceInfo service, IReadOnlyList<EndpointSliceInfo> slices)
    {
        var result = new ServiceEndpoints();
        foreach (var slice in slices)
        {
            if (slice.ServiceName != service.Metadata.Name || slice.Metadata.Namespace != service.Metadata.Namespace)
            {
                continue;
            }

            foreach (var endpoint in slice.Endpoints)
            {
                if (!endpoint.IsServing)
                {
                    continue;
                }

                var hasAddress = endpoint.Addresses.Count > 0;
                result.AnyServing = true;
                result.AnyServingWithAddress |= hasAddress;
                if (endpoint.NodeName is { } node)
                {
                    result._servingNodes.Add(node);
                    if (hasAddress)
                    {
                        result._servingNodesWithAddress.Add(node);
                    }
                }
            }
        }

        return result;
    }

    public bool ServesOn(string node) => _servingNodes.Contains(node);

    public bool ServesWithAddressOn(string node) => _servingNodesWithAddress.Contains(node);
}
