using System.Net;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.TestSupport;
using MetalLb.TestSupport.Bgp;

namespace MetalLb.IntegrationTests.Layer2;

/// <summary>
/// The BGP half of the announcers on the same segment: the client namespace runs gobgpd as the cluster's router, the
/// real allocator publishes plans and peer sets, and the real announcer processes (native mode, the default) dial it.
/// </summary>
public sealed partial class L2AnnouncerTests
{
    private const string BgpIp = "198.51.100.220";

    [RootFact]
    public async Task WholeChain_BgpService_RoutesFromEachEligibleNode_WithCommunitiesAndLocalPref_NodeLeavingWithdraws_DeleteWithdrawsAll()
    {
        await using var api = await AllocatorCluster.StartAsync();
        var (n1, n2) = (cluster.Nodes[0], cluster.Nodes[1]);
        var router = await GoBgpRouter.StartAsync(new BgpRouterOptions(cluster.Client.Namespace, 64500, cluster.Client.Ipv4,
            [new BgpNeighbor(n1.Ipv4, 64500) { Families = [BgpFamily.Ipv4] }, new BgpNeighbor(n2.Ipv4, 64500) { Families = [BgpFamily.Ipv4] }]));
        await using var routerLifetime = router;
        var announcers = await cluster.StartAnnouncersAsync(n1, n2);
        using var allocator = await cluster.StartAllocatorAsync(api);
        try
        {
            await api.ApplyAsync(BgpNode(n1.Name, announce: true));
            await api.ApplyAsync(BgpNode(n2.Name, announce: true));
            await api.ApplyAsync(BgpConfig(cluster.Client.Ipv4));
            await api.ApplyAsync(AllocatorYaml.Service("web"));
            await api.ApplyAsync(AllocatorYaml.EndpointSlice("web", n1.Name));
            await AllocatorCluster.Until(async () => (await api.IngressAsync("web")).SequenceEqual([BgpIp]), $"web to get {BgpIp}");

            var paths = await router.WaitForRoutesAsync(BgpFamily.Ipv4, rib => PathsTo(rib).Count == 2, L2Cluster.Timeout);
            Assert.Equal([n1.Ipv4, n2.Ipv4], PathsTo(paths).Select(p => p.NextHop!.ToString()).Order(StringComparer.Ordinal).ToArray());
            Assert.All(PathsTo(paths), p =>
            {
                Assert.Equal(150u, p.LocalPref);
                Assert.Equal(["65000:100"], p.Communities);
                Assert.Equal(["64500:1:2"], p.LargeCommunities);
            });
            var metrics = (await announcers[0].GetAsync("/metrics")).StandardOutput;
            var peer = $"\\{{[^}}]*peer=\"{cluster.Client.Ipv4.Replace(".", "\\.", StringComparison.Ordinal)}:179\"[^}}]*\\}}";
            Assert.Matches($"metallb_bgp_session_up{peer} 1\\b", metrics);
            Assert.Matches($"metallb_bgp_announced_prefixes_total{peer} 1\\b", metrics);
            Assert.Matches($"metallb_bgp_pending_prefixes_total{peer} 0\\b", metrics);
            Assert.Matches($"metallb_bgp_updates_total{peer} [1-9]", metrics);
            Assert.Matches("metallb_speaker_announced\\{[^}]*ip=\"198\\.51\\.100\\.220\"[^}]*protocol=\"bgp\"[^}]*\\} 1", metrics);
            await AllocatorCluster.Until(
                async () => (await api.GetJsonAsync("get", "servicebgpstatuses", "-n", AllocatorCluster.MetalLbNamespace))["items"]!.AsArray()
                    .Select(i => $"{i!["status"]?["node"]}:{string.Join(',', i!["status"]?["peers"]?.AsArray().Select(p => p!.ToString()) ?? [])}")
                    .Order(StringComparer.Ordinal).SequenceEqual([$"{n1.Name}:router", $"{n2.Name}:router"]),
                "one ServiceBGPStatus per announcing node, naming the peer");

            await api.ApplyAsync(BgpNode(n2.Name, announce: false));

            paths = await router.WaitForRoutesAsync(BgpFamily.Ipv4, rib => PathsTo(rib).Count == 1, L2Cluster.Timeout);
            Assert.Equal(IPAddress.Parse(n1.Ipv4), PathsTo(paths).Single().NextHop);
            Assert.Equal(BgpSessionState.Established, await router.NeighborStateAsync(n2.Ipv4));

            await api.KubectlAsync("delete", "service", "web", "-n", "default");

            await router.WaitForRoutesAsync(BgpFamily.Ipv4, rib => PathsTo(rib).Count == 0, L2Cluster.Timeout);
        }
        finally
        {
            await allocator.StopAsync();
        }
    }

    private static List<BgpRoute> PathsTo(IReadOnlyList<BgpRoute> rib) =>
        [.. rib.Where(r => r.Prefix.Equals(IPNetwork.Parse($"{BgpIp}/32")))];

    /// <summary>A Node whose label <c>bgp</c> says whether the BGPAdvertisement selects it.</summary>
    private static string BgpNode(string name, bool announce) => $"""
        apiVersion: v1
        kind: Node
        metadata:
          name: {name}
          labels:
            kubernetes.io/hostname: {name}
            bgp: "{(announce ? "yes" : "no")}"
        """;

    /// <summary>A pool announced by BGP only, with LOCAL_PREF (the peer is iBGP), a community by alias and a large community.</summary>
    private static string BgpConfig(string routerAddress) => $"""
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata:
          name: bgp
          namespace: metallb-system
        spec:
          addresses: ["{BgpIp}-198.51.100.230"]
        ---
        apiVersion: metallb.io/v1beta1
        kind: Community
        metadata:
          name: communities
          namespace: metallb-system
        spec:
          communities:
          - name: edge
            value: "65000:100"
        ---
        apiVersion: metallb.io/v1beta1
        kind: BGPAdvertisement
        metadata:
          name: bgp
          namespace: metallb-system
        spec:
          ipAddressPools: [bgp]
          localPref: 150
          communities: [edge, "large:64500:1:2"]
          nodeSelectors:
          - matchLabels:
              bgp: "yes"
        ---
        apiVersion: metallb.io/v1beta2
        kind: BGPPeer
        metadata:
          name: router
          namespace: metallb-system
        spec:
          myASN: 64500
          peerASN: 64500
          peerAddress: {routerAddress}
          holdTime: 9s
        """;
}
