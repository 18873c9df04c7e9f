using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Caching;
using static MetalLb.Kubernetes.Tests.Caching.TestObjects;

namespace MetalLb.Kubernetes.Tests.Caching;

public class ClusterObjectStoreTests
{
    public static TheoryData<string> Kinds => [.. Enum.GetNames<CachedKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Upsert_PutsEachKindIntoItsOwnList(string kindName)
    {
        var kind = Enum.Parse<CachedKind>(kindName);
        var store = new ClusterObjectStore();

        store.Upsert(kind, Of(kind, "a", "1"));

        var snapshot = store.Snapshot;
        Assert.Equal(1, snapshot.Count);
        var list = kind switch
        {
            CachedKind.IpAddressPool => (System.Collections.IEnumerable)snapshot.Pools,
            CachedKind.L2Advertisement => snapshot.L2Advertisements,
            CachedKind.BgpAdvertisement => snapshot.BgpAdvertisements,
            CachedKind.BgpPeer => snapshot.Peers,
            CachedKind.BfdProfile => snapshot.BfdProfiles,
            CachedKind.Community => snapshot.Communities,
            CachedKind.Namespace => snapshot.Namespaces,
            CachedKind.Node => snapshot.Nodes,
            CachedKind.EndpointSlice => snapshot.EndpointSlices,
            CachedKind.LegacyConfigMap => snapshot.LegacyConfigMaps,
            CachedKind.Secret => snapshot.Secrets,
            _ => snapshot.Services,
        };
        Assert.Single(list);
    }

    [Fact]
    public void Upsert_NewObject_IsStoredAndCountsAsAChange()
    {
        var store = new ClusterObjectStore();

        var changed = store.Upsert(CachedKind.IpAddressPool, Pool("a", "1"));

        Assert.True(changed);
        Assert.Equal(1, store.Version);
        Assert.Equal(["a"], Names(store.Snapshot.Pools));
    }

    [Fact]
    public void Upsert_SameResourceVersion_ChangesNothing()
    {
        var store = new ClusterObjectStore();
        store.Upsert(CachedKind.IpAddressPool, Pool("a", "1", "10.0.0.0/24"));
        var before = store.Snapshot;

        var changed = store.Upsert(CachedKind.IpAddressPool, Pool("a", "1", "10.0.0.0/24"));

        Assert.False(changed);
        Assert.Equal(1, store.Version);
        Assert.Same(before, store.Snapshot);
    }

    [Fact]
    public void Upsert_NewResourceVersion_ReplacesTheObject()
    {
        var store = new ClusterObjectStore();
        store.Upsert(CachedKind.IpAddressPool, Pool("a", "1", "10.0.0.0/24"));

        var changed = store.Upsert(CachedKind.IpAddressPool, Pool("a", "2", "10.0.1.0/24"));

        Assert.True(changed);
        Assert.Equal(2, store.Version);
        Assert.Equal(["10.0.1.0/24"], Assert.Single(store.Snapshot.Pools).Spec.Addresses);
    }

    [Fact]
    public void Remove_StoredObject_RemovesIt()
    {
        var store = new ClusterObjectStore();
        store.Upsert(CachedKind.IpAddressPool, Pool("a", "1"));
        store.Upsert(CachedKind.IpAddressPool, Pool("b", "2"));

        var changed = store.Remove(CachedKind.IpAddressPool, $"{Namespace}/a");

        Assert.True(changed);
        Assert.Equal(3, store.Version);
        Assert.Equal(["b"], Names(store.Snapshot.Pools));
    }

    [Fact]
    public void Remove_UnknownKey_ChangesNothing()
    {
        var store = new ClusterObjectStore();
        store.Upsert(CachedKind.IpAddressPool, Pool("a", "1"));

        var changed = store.Remove(CachedKind.IpAddressPool, $"{Namespace}/b");

        Assert.False(changed);
        Assert.Equal(1, store.Version);
    }

    [Fact]
    public void Remove_SameKeyOfAnotherKind_LeavesThisKindAlone()
    {
        var store = new ClusterObjectStore();
        store.Upsert(CachedKind.IpAddressPool, Pool("a", "1"));

        var changed = store.Remove(CachedKind.L2Advertisement, $"{Namespace}/a");

        Assert.False(changed);
        Assert.Single(store.Snapshot.Pools);
    }

    [Fact]
    public void Replace_DropsObjectsMissingFromTheList()
    {
        var store = new ClusterObjectStore();
        store.Upsert(CachedKind.IpAddressPool, Pool("a", "1"));
        store.Upsert(CachedKind.IpAddressPool, Pool("b", "2"));

        var changed = store.Replace(CachedKind.IpAddressPool, [Pool("b", "2"), Pool("c", "3")], []);

        Assert.True(changed);
        Assert.Equal(["b", "c"], Names(store.Snapshot.Pools));
    }

    [Fact]
    public void Replace_WithTheSameObjects_ChangesNothing()
    {
        var store = new ClusterObjectStore();
        store.Replace(CachedKind.IpAddressPool, [Pool("a", "1"), Pool("b", "2")], []);
        var before = store.Snapshot;

        var changed = store.Replace(CachedKind.IpAddressPool, [Pool("b", "2"), Pool("a", "1")], []);

        Assert.False(changed);
        Assert.Equal(1, store.Version);
        Assert.Same(before, store.Snapshot);
    }

    [Fact]
    public void Replace_KeepsTheStoredVersionOfAnUnreadableObject()
    {
        var store = new ClusterObjectStore();
        store.Replace(CachedKind.IpAddressPool, [Pool("a", "1", "10.0.0.0/24"), Pool("b", "2")], []);

        store.Replace(CachedKind.IpAddressPool, [Pool("b", "2")], [$"{Namespace}/a", $"{Namespace}/never-seen"]);

        var pools = store.Snapshot.Pools;
        Assert.Equal(["a", "b"], Names(pools));
        Assert.Equal("1", pools[0].Metadata.ResourceVersion);
    }

    [Fact]
    public void Snapshot_ListsObjectsInOrdinalKeyOrder()
    {
        var store = new ClusterObjectStore();

        store.Replace(CachedKind.Service, [Service("b", "x", "1"), Service("a", "z", "2"), Service("a", "B", "3")], []);

        Assert.Equal(["a/B", "a/z", "b/x"], store.Snapshot.Services.Select(s => s.Key));
    }

    [Fact]
    public void Snapshot_TakenBeforeAChange_IsNotAffectedByIt()
    {
        var store = new ClusterObjectStore();
        store.Upsert(CachedKind.IpAddressPool, Pool("a", "1"));
        var before = store.Snapshot;

        store.Upsert(CachedKind.IpAddressPool, Pool("b", "2"));
        store.Remove(CachedKind.IpAddressPool, $"{Namespace}/a");

        Assert.Equal(["a"], Names(before.Pools));
        Assert.Equal(["b"], Names(store.Snapshot.Pools));
    }

    [Fact]
    public void Snapshot_AfterAChangeOfOneKind_SharesTheListsOfTheOtherKinds()
    {
        var store = new ClusterObjectStore();
        store.Upsert(CachedKind.Service, Service("a", "s", "1"));
        var services = store.Snapshot.Services;

        store.Upsert(CachedKind.IpAddressPool, Pool("a", "2"));

        Assert.Same(services, store.Snapshot.Services);
    }

    [Fact]
    public void Snapshot_WhenEmpty_HasNoObjects()
    {
        var store = new ClusterObjectStore();

        Assert.Equal(0, store.Snapshot.Count);
        Assert.Equal(0, store.Version);
        Assert.IsType<ConfigSource>(store.Snapshot);
    }
}
