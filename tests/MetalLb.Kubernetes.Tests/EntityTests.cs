using System.Reflection;
using k8s;
using k8s.Models;
using MetalLb.Kubernetes.Entities;

namespace MetalLb.Kubernetes.Tests;

public class EntityTests
{
    public static TheoryData<Type, string, string, string> Entities => new()
    {
        { typeof(V1beta1IPAddressPool), "v1beta1", "IPAddressPool", "ipaddresspools" },
        { typeof(V1beta1L2Advertisement), "v1beta1", "L2Advertisement", "l2advertisements" },
        { typeof(V1beta1BGPAdvertisement), "v1beta1", "BGPAdvertisement", "bgpadvertisements" },
        { typeof(V1beta2BGPPeer), "v1beta2", "BGPPeer", "bgppeers" },
        { typeof(V1beta1BGPPeer), "v1beta1", "BGPPeer", "bgppeers" },
        { typeof(V1beta1BFDProfile), "v1beta1", "BFDProfile", "bfdprofiles" },
        { typeof(V1beta1Community), "v1beta1", "Community", "communities" },
    };

    [Theory]
    [MemberData(nameof(Entities))]
    public void Entity_ConstantsAndAttribute_NameTheCustomResource(Type type, string version, string kind, string plural)
    {
        var attribute = (KubernetesEntityAttribute)Attribute.GetCustomAttribute(type, typeof(KubernetesEntityAttribute))!;
        var entity = (IKubernetesObject<V1ObjectMeta>)Activator.CreateInstance(type)!;

        Assert.Equal(("metallb.io", version, kind, plural), (attribute.Group, attribute.ApiVersion, attribute.Kind, attribute.PluralName));
        Assert.Equal("metallb.io", type.GetField("Group", BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)!.GetValue(null));
        Assert.Equal(version, type.GetField("Version")!.GetValue(null));
        Assert.Equal(kind, type.GetField("KindName")!.GetValue(null));
        Assert.Equal(plural, type.GetField("Plural")!.GetValue(null));
        Assert.Equal(($"metallb.io/{version}", kind), (entity.ApiVersion, entity.Kind));
    }

    [Fact]
    public void KubernetesJson_DeserializesPoolEntity_AndToDomainMapsMetadata()
    {
        const string json = """
            {"apiVersion": "metallb.io/v1beta1", "kind": "IPAddressPool",
             "metadata": {"name": "pool1", "namespace": "metallb-system", "uid": "u-1", "resourceVersion": "7",
                          "labels": {"tier": "gold"}, "creationTimestamp": "2024-01-01T00:00:00Z"},
             "spec": {"addresses": ["10.0.0.0/24"], "autoAssign": false, "avoidBuggyIPs": true,
                      "serviceAllocation": {"priority": 5, "namespaces": ["a"]}}}
            """;

        var pool = KubernetesJson.Deserialize<V1beta1IPAddressPool>(json).ToDomain();

        Assert.Equal(("pool1", "metallb-system", "u-1", "7"), (pool.Metadata.Name, pool.Metadata.Namespace, pool.Metadata.Uid, pool.Metadata.ResourceVersion));
        Assert.Equal("gold", pool.Metadata.Labels["tier"]);
        Assert.Empty(pool.Metadata.Annotations);
        Assert.Equal(["10.0.0.0/24"], pool.Spec.Addresses);
        Assert.Equal((false, true, 5), (pool.Spec.AutoAssign, pool.Spec.AvoidBuggyIPs, pool.Spec.ServiceAllocation!.Priority));
    }

    [Fact]
    public void KubernetesJson_DeserializesV1beta1PeerEntity_AndToDomainConverts()
    {
        const string json = """
            {"apiVersion": "metallb.io/v1beta1", "kind": "BGPPeer", "metadata": {"name": "p"},
             "spec": {"myASN": 64500, "peerASN": 64501, "peerAddress": "10.0.0.1", "holdTime": "90s", "ebgpMultiHop": true}}
            """;

        var peer = KubernetesJson.Deserialize<V1beta1BGPPeer>(json).ToDomain();

        Assert.Equal("v1beta1", peer.SourceVersion);
        Assert.Equal((64500u, 64501u, "10.0.0.1", "90s", true), (peer.Spec.MyASN, peer.Spec.PeerASN, peer.Spec.PeerAddress, peer.Spec.HoldTime, peer.Spec.EbgpMultiHop));
    }

    [Fact]
    public void MetalLbJson_SerializesSpecsWithMetalLbFieldNames()
    {
        var spec = new Domain.Config.BgpPeerSpec { MyASN = 1, RouterID = "1.2.3.4", DisableMP = true };

        var json = System.Text.Json.JsonSerializer.Serialize(spec, MetalLbJson.Options);

        Assert.Contains("\"myASN\":1", json, StringComparison.Ordinal);
        Assert.Contains("\"routerID\":\"1.2.3.4\"", json, StringComparison.Ordinal);
        Assert.Contains("\"disableMP\":true", json, StringComparison.Ordinal);
        Assert.DoesNotContain("peerASN", json, StringComparison.Ordinal);
    }
}
