using System.Text.Json;
using System.Text.Json.Nodes;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Entities;

namespace MetalLb.Kubernetes.Manifests;

/// <summary>
/// Checks a document's apiVersion, kind and name, flattens Lists, and hands each object to the reader for its
/// (group, version, kind); objects of kinds MetalLB does not read are recorded as skipped.
/// </summary>
internal static class ObjectDecoder
{
    private const string MetalLbGroup = "metallb.io";
    private const string DiscoveryGroup = "discovery.k8s.io";
    private const string V1Beta1 = "v1beta1";
    private const string V1Beta2 = "v1beta2";

    /// <summary>metallb.io kinds written by MetalLB itself; a manifest may carry them but they configure nothing.</summary>
    private static readonly HashSet<string> StatusKinds = ["ServiceL2Status", "ServiceBGPStatus", "ConfigurationState"];

    private static readonly Dictionary<string, string> ServedVersions = new()
    {
        [IpAddressPool.KindName] = V1Beta1,
        [L2Advertisement.KindName] = V1Beta1,
        [BgpAdvertisement.KindName] = V1Beta1,
        [BgpPeer.KindName] = $"{V1Beta1}, {V1Beta2}",
        [BfdProfile.KindName] = V1Beta1,
        [Community.KindName] = V1Beta1,
    };

    public static void Decode(ManifestDocument document, string source, ManifestCollector collector) =>
        Decode(document, document.Root, null, source, collector);

    private static void Decode(ManifestDocument document, JsonNode? node, int? item, string source, ManifestCollector collector)
    {
        var where = document.Locate(node, item);
        if (node is not JsonObject obj)
        {
            collector.Problem(new ManifestProblem(source, null, null, null, $"{where}: expected a mapping, got {ValueText.Actual(node)}"));
            return;
        }

        if (HeaderError(obj, "apiVersion", where) is { } apiVersionError)
        {
            collector.Problem(new ManifestProblem(source, null, null, null, apiVersionError));
            return;
        }

        if (HeaderError(obj, "kind", where) is { } kindError)
        {
            collector.Problem(new ManifestProblem(source, null, null, null, kindError));
            return;
        }

        var apiVersion = obj["apiVersion"]!.GetValue<string>();
        var kind = obj["kind"]!.GetValue<string>();
        if (kind.EndsWith("List", StringComparison.Ordinal) && obj.TryGetPropertyValue("items", out var items))
        {
            DecodeList(document, items, where, source, kind, collector);
            return;
        }

        if (NameError(obj, where) is { } nameError)
        {
            collector.Problem(new ManifestProblem(source, kind, null, null, nameError));
            return;
        }

        var name = obj["metadata"]!["name"]!.GetValue<string>();
        var original = collector.KeepDocuments ? (JsonObject)obj.DeepClone() : null;
        var context = new ObjectContext(source, obj, apiVersion, kind, name, collector);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        switch (group, version, kind)
        {
            case (MetalLbGroup, _, _):
                DecodeMetalLb(context, version);
                break;
            case ("", "v1", NamespaceInfo.KindName):
                NamespaceMapper.Read(context);
                break;
            case ("", "v1", NodeInfo.KindName):
                NodeMapper.Read(context);
                break;
            case ("", "v1", ServiceInfo.KindName):
                ServiceMapper.Read(context);
                break;
            case (DiscoveryGroup, "v1" or V1Beta1, EndpointSliceInfo.KindName):
                EndpointSliceMapper.Read(context, legacyTopology: version == V1Beta1);
                break;
            default:
                collector.Skip(new SkippedObject(source, apiVersion, kind, name));
                return;
        }

        if (original is not null)
        {
            collector.Keep(new ManifestObject(original, source));
        }
    }

    private static void DecodeList(
        ManifestDocument document, JsonNode? items, string where, string source, string kind, ManifestCollector collector)
    {
        switch (items)
        {
            case null:
                return;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Decode(document, array[i], i + 1, source, collector);
                }

                return;
            default:
                collector.Problem(new ManifestProblem(
                    source, kind, null, "items", $"{where}: expected array, got {ValueText.Actual(items)}"));
                return;
        }
    }

    private static void DecodeMetalLb(ObjectContext context, string version)
    {
        switch (context.Kind, version)
        {
            case (IpAddressPool.KindName, V1Beta1):
                Read<IpAddressPoolSpec>(context, (meta, spec) => context.Objects.Pools.Add(new(meta, spec)));
                break;
            case (L2Advertisement.KindName, V1Beta1):
                Read<L2AdvertisementSpec>(context, (meta, spec) => context.Objects.L2Advertisements.Add(new(meta, spec)));
                break;
            case (BgpAdvertisement.KindName, V1Beta1):
                Read<BgpAdvertisementSpec>(context, (meta, spec) => context.Objects.BgpAdvertisements.Add(new(meta, spec)));
                break;
            case (BgpPeer.KindName, V1Beta2):
                Read<BgpPeerSpec>(context, (meta, spec) => context.Objects.Peers.Add(new(meta, spec)));
                break;
            case (BgpPeer.KindName, V1Beta1):
                Read<BgpPeerV1Beta1Spec>(
                    context, (meta, spec) => context.Objects.Peers.Add(BgpPeerConversion.ToDomain(meta, spec)));
                break;
            case (BfdProfile.KindName, V1Beta1):
                Read<BfdProfileSpec>(context, (meta, spec) => context.Objects.BfdProfiles.Add(new(meta, spec)));
                break;
            case (Community.KindName, V1Beta1):
                Read<CommunitySpec>(context, (meta, spec) => context.Objects.Communities.Add(new(meta, spec)));
                break;
            case var _ when StatusKinds.Contains(context.Kind):
                context.Collector.Skip(new SkippedObject(context.Source, context.ApiVersion, context.Kind, context.Name));
                break;
            case var _ when ServedVersions.TryGetValue(context.Kind, out var served):
                context.Report(new FieldError(
                    "apiVersion", $"unsupported version \"{context.ApiVersion}\" for {context.Kind} (served: {served})"));
                break;
            default:
                context.Report(new FieldError("kind", $"unknown kind \"{context.Kind}\" in group {MetalLbGroup}"));
                break;
        }
    }

    private static void Read<TSpec>(ObjectContext context, Action<ObjectMeta, TSpec> add)
        where TSpec : class, new()
    {
        if (context.Read<MetalLbDocument<TSpec>>() is { } document)
        {
            add(context.Meta(document.Metadata), document.Spec ?? new TSpec());
        }
    }

    private static string? HeaderError(JsonObject obj, string field, string where, string? display = null) => obj[field] switch
    {
        null => $"{where}: missing {display ?? field}",
        JsonValue value when value.GetValueKind() == JsonValueKind.String =>
            value.GetValue<string>().Length == 0 ? $"{where}: missing {display ?? field}" : null,
        var other => $"{where}: {display ?? field}: expected string, got {ValueText.Actual(other)}",
    };

    private static string? NameError(JsonObject obj, string where) => obj["metadata"] switch
    {
        null => $"{where}: missing metadata.name",
        JsonObject metadata => HeaderError(metadata, "name", where, "metadata.name"),
        var other => $"{where}: metadata: expected object, got {ValueText.Actual(other)}",
    };
}
