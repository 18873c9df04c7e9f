using System.Text.Json;
using k8s;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Caching;
using MetalLb.Kubernetes.Entities;

namespace MetalLb.Kubernetes.Tests.Caching;

public class RawObjectDecoderTests
{
    private const string PoolJson = """
        {"apiVersion": "metallb.io/v1beta1", "kind": "IPAddressPool",
         "metadata": {"name": "pool1", "namespace": "metallb-system", "resourceVersion": "7", "uid": "u-1",
                      "creationTimestamp": "2024-01-01T00:00:00Z", "managedFields": [{"manager": "kubectl", "fieldsV1": {"f:spec": {}}}]},
         "spec": {"addresses": ["10.0.0.0/24"], "autoAssign": false}}
        """;

    private const string BadPoolJson = """
        {"apiVersion": "metallb.io/v1beta1", "kind": "IPAddressPool",
         "metadata": {"name": "pool2", "namespace": "metallb-system", "resourceVersion": "8"},
         "spec": {"addresses": ["10.0.1.0/24"], "autoAssign": "yes"}}
        """;

    private static readonly RawObjectDecoder Pools = RawObjectDecoder.For<V1beta1IPAddressPool>(e => e.ToDomain());

    [Theory]
    [InlineData(WatchEventType.Added)]
    [InlineData(WatchEventType.Modified)]
    public void Decode_AddedOrModified_YieldsTheDomainObjectUnderItsKey(WatchEventType type)
    {
        var item = Pools.Decode(type, Element(PoolJson));

        Assert.Equal(WatchItemType.Upserted, item.Type);
        Assert.Equal(("metallb-system/pool1", "7"), (item.Object!.Key, item.Object.ResourceVersion));
        var pool = Assert.IsType<IpAddressPool>(item.Object.Value);
        Assert.Equal(["10.0.0.0/24"], pool.Spec.Addresses);
        Assert.Equal((false, "u-1"), (pool.Spec.AutoAssign, pool.Metadata.Uid));
        Assert.Equal("7", item.ResourceVersion);
    }

    [Fact]
    public void Decode_V1beta2Peer_YieldsABgpPeer()
    {
        var peers = RawObjectDecoder.For<V1beta2BGPPeer>(e => e.ToDomain());
        const string json = """
            {"apiVersion": "metallb.io/v1beta2", "kind": "BGPPeer", "metadata": {"name": "p", "namespace": "metallb-system", "resourceVersion": "3"},
             "spec": {"myASN": 64500, "peerASN": 64501, "peerAddress": "10.0.0.1", "dynamicASN": "external"}}
            """;

        var item = peers.Decode(WatchEventType.Added, Element(json));

        var peer = Assert.IsType<BgpPeer>(item.Object!.Value);
        Assert.Equal((64500u, "10.0.0.1", "v1beta2"), (peer.Spec.MyASN, peer.Spec.PeerAddress, peer.SourceVersion));
    }

    [Fact]
    public void Decode_ObjectTheEntityCannotHold_IsMalformedWithItsKeyAndVersion()
    {
        var item = Pools.Decode(WatchEventType.Modified, Element(BadPoolJson));

        Assert.Equal(WatchItemType.Malformed, item.Type);
        Assert.Equal(("metallb-system/pool2", "8"), (item.Key, item.ResourceVersion));
        Assert.False(string.IsNullOrEmpty(item.Problem));
    }

    [Fact]
    public void Decode_DeletedObjectTheEntityCannotHold_IsStillDeleted()
    {
        var item = Pools.Decode(WatchEventType.Deleted, Element(BadPoolJson));

        Assert.Equal(WatchItemType.Deleted, item.Type);
        Assert.Equal(("metallb-system/pool2", "8"), (item.Key, item.ResourceVersion));
    }

    [Fact]
    public void Decode_Bookmark_CarriesOnlyTheResourceVersion()
    {
        const string json = """{"kind": "IPAddressPool", "apiVersion": "metallb.io/v1beta1", "metadata": {"resourceVersion": "99"}}""";

        var item = Pools.Decode(WatchEventType.Bookmark, Element(json));

        Assert.Equal((WatchItemType.Bookmark, "99"), (item.Type, item.ResourceVersion));
    }

    [Theory]
    [InlineData("""{"kind": "IPAddressPool", "metadata": {"namespace": "metallb-system"}, "spec": {}}""")]
    [InlineData("""{"kind": "IPAddressPool", "metadata": "pool", "spec": {}}""")]
    [InlineData("""["not", "an", "object"]""")]
    public void Decode_WithoutAName_IsMalformedWithoutAKey(string json)
    {
        var item = Pools.Decode(WatchEventType.Added, Element(json));

        Assert.Equal(WatchItemType.Malformed, item.Type);
        Assert.Null(item.Key);
    }

    [Fact]
    public void DecodeList_KeepsTheReadableItemsAndReportsTheOthers()
    {
        var list = $$"""{"apiVersion": "metallb.io/v1beta1", "kind": "IPAddressPoolList", "metadata": {"resourceVersion": "120"}, "items": [{{PoolJson}}, {{BadPoolJson}}]}""";

        var result = Pools.DecodeList(Element(list));

        Assert.Equal("120", result.ResourceVersion);
        Assert.Equal(["metallb-system/pool1"], result.Objects.Select(o => o.Key));
        Assert.Equal(["metallb-system/pool2"], result.Malformed.Select(m => m.Key));
    }

    [Fact]
    public void DecodeList_WithoutItems_IsEmpty()
    {
        var result = Pools.DecodeList(Element("""{"metadata": {"resourceVersion": "5"}, "items": null}"""));

        Assert.Equal("5", result.ResourceVersion);
        Assert.Empty(result.Objects);
    }

    [Fact]
    public void DecodeList_NotAnObject_Throws()
    {
        Assert.Throws<JsonException>(() => Pools.DecodeList(Element("[]")));
    }

    private static JsonElement Element(string json) => KubernetesJson.Deserialize<JsonElement>(json);
}
