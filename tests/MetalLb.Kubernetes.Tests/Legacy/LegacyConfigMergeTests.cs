using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Legacy;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests.Legacy;

public class LegacyConfigMergeTests
{
    private const string Namespace = "metallb-system";

    private const string Crs = """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: blue, namespace: metallb-system}
        spec: {addresses: [192.0.2.0/28]}
        ---
        apiVersion: metallb.io/v1beta1
        kind: L2Advertisement
        metadata: {name: l2advertisement1, namespace: metallb-system}
        spec: {ipAddressPools: [blue]}
        """;

    [Fact]
    public void Merge_WithoutConfigMap_IsTheSnapshot()
    {
        var snapshot = Read(Crs);

        var merged = LegacyConfigMerge.Merge(snapshot, Namespace);

        Assert.Same(snapshot, merged.Objects);
        Assert.Empty(merged.Errors);
        Assert.Null(merged.Origin);
    }

    [Fact]
    public void Merge_AddsTheConvertedObjects_AndNamesTheirPools()
    {
        var snapshot = new ConfigSource { LegacyConfigMaps = [ConfigMap("address-pools: [{name: green, protocol: bgp, addresses: [198.51.100.0/24]}]")] };

        var merged = LegacyConfigMerge.Merge(snapshot, Namespace);

        Assert.Empty(merged.Errors);
        Assert.Equal(["green"], merged.Objects.Pools.Select(p => p.Metadata.Name));
        Assert.Equal(["bgpadvertisement1"], merged.Objects.BgpAdvertisements.Select(a => a.Metadata.Name));
        Assert.Equal(["green"], merged.LegacyPools);
        Assert.True(merged.IsLegacy(merged.Objects.Pools[0].Metadata.Source));
        Assert.Equal("ConfigMap metallb-system/config: config:1", merged.Objects.Pools[0].Metadata.Source);
    }

    [Fact]
    public void Merge_SameNameAsACustomResource_IsAnErrorNamingTheConfigMapLine()
    {
        var snapshot = Read(Crs) with
        {
            LegacyConfigMaps = [ConfigMap("address-pools:\n- name: blue\n  protocol: layer2\n  addresses: [198.51.100.0/24]\n")],
        };

        var merged = LegacyConfigMerge.Merge(snapshot, Namespace);

        Assert.Equal(
            [
                "ConfigMap metallb-system/config: config:2: IPAddressPool \"blue\" is defined both here and as a metallb.io IPAddressPool; remove one of them",
                "ConfigMap metallb-system/config: config:2: L2Advertisement \"l2advertisement1\" is defined both here and as a metallb.io L2Advertisement; remove one of them",
            ],
            merged.Errors);
    }

    [Fact]
    public void Merge_ConfigThatDoesNotConvert_IsAnErrorAndAddsNothing()
    {
        var snapshot = Read(Crs) with { LegacyConfigMaps = [ConfigMap("address-pools: [{name: x, protocol: bgpx, addresses: [198.51.100.0/24]}]")] };

        var merged = LegacyConfigMerge.Merge(snapshot, Namespace);

        Assert.Equal(["ConfigMap metallb-system/config: config:1:37: protocol \"bgpx\" is not layer2 or bgp"], merged.Errors);
        Assert.Same(snapshot, merged.Objects);
    }

    [Theory]
    [InlineData("config", "other-namespace")]
    [InlineData("not-config", Namespace)]
    public void Merge_OtherConfigMaps_AreIgnored(string name, string ns)
    {
        var configMap = new LegacyConfigMap(
            new ObjectMeta { Name = name, Namespace = ns }, "address-pools: [{name: g, protocol: layer2, addresses: [198.51.100.0/24]}]");

        var merged = LegacyConfigMerge.Merge(new ConfigSource { LegacyConfigMaps = [configMap] }, Namespace);

        Assert.Empty(merged.Objects.Pools);
    }

    private static LegacyConfigMap ConfigMap(string config) =>
        new(new ObjectMeta { Name = "config", Namespace = Namespace, ResourceVersion = "1" }, config);

    private static ConfigSource Read(string yaml)
    {
        var result = ManifestReader.ReadText(yaml, "crs.yaml");
        Assert.Empty(result.Problems);
        return result.Objects;
    }
}
