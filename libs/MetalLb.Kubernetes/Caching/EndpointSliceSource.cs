using System.Net;
using k8s;
using k8s.Autorest;

namespace MetalLb.Kubernetes.Caching;

/// <summary>
/// EndpointSlices of every namespace, read as <c>discovery.k8s.io/v1</c> where the server serves it and as
/// <c>v1beta1</c> otherwise (Kubernetes 1.20 serves only v1beta1; 1.25 only v1).
/// </summary>
/// <remarks>The version is chosen on each list, so an API-server upgrade is picked up at the next relist.</remarks>
internal sealed class EndpointSliceSource(IKubernetes client) : IKindSource
{
    private const string Group = "discovery.k8s.io";
    private const string Plural = "endpointslices";
    private const string V1 = "v1";
    private const string V1Beta1 = "v1beta1";

    private static readonly RawObjectDecoder V1Decoder = RawObjectDecoder.For<EndpointSliceDocument>(d => d.ToDomain(legacyTopology: false));
    private static readonly RawObjectDecoder V1Beta1Decoder = RawObjectDecoder.For<EndpointSliceDocument>(d => d.ToDomain(legacyTopology: true));

    private volatile string _version = V1;

    public CachedKind Kind => CachedKind.EndpointSlice;

    public async Task<KindList> ListAsync(CancellationToken cancellationToken)
    {
        try
        {
            var list = await client.CustomObjects.ListClusterCustomObjectAsync(
                Group, V1, Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
            _version = V1;
            return V1Decoder.DecodeList(list);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            var list = await client.CustomObjects.ListClusterCustomObjectAsync(
                Group, V1Beta1, Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
            _version = V1Beta1;
            return V1Beta1Decoder.DecodeList(list);
        }
    }

    public IAsyncEnumerable<WatchItem> WatchAsync(string? resourceVersion, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var version = _version;
        var decoder = version == V1 ? V1Decoder : V1Beta1Decoder;
        return WatchStreams.TranslateAsync(
            onError => client.CustomObjects.WatchListClusterCustomObjectAsync(
                Group,
                version,
                Plural,
                allowWatchBookmarks: true,
                resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds,
                onError: onError,
                cancellationToken: cancellationToken),
            decoder.Decode,
            cancellationToken);
    }
}
