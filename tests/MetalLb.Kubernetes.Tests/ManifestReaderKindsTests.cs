using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests;

public class ManifestReaderKindsTests
{
    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void Read_IPAddressPoolWithAllFields_MapsEveryField(string format)
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata:
              name: pool1
              namespace: metallb-system
              labels: {tier: gold}
              annotations: {note: hello}
              uid: 1234-abcd
              resourceVersion: "42"
            spec:
              addresses: [192.168.10.0/24, 10.0.0.1-10.0.0.9, "fc00::/124"]
              autoAssign: false
              avoidBuggyIPs: true
              serviceAllocation:
                priority: 50
                namespaces: [a, b]
                namespaceSelectors:
                  - matchLabels: {team: x}
                serviceSelectors:
                  - matchExpressions:
                      - {key: app, operator: In, values: [web, api]}
            status:
              assignedIPv4: 3
            """;

        var result = ManifestFormats.Read(yaml, format);

        Assert.Empty(result.Problems);
        var pool = Assert.Single(result.Objects.Pools);
        Assert.Equal("pool1", pool.Metadata.Name);
        Assert.Equal("metallb-system", pool.Metadata.Namespace);
        Assert.Equal("gold", pool.Metadata.Labels["tier"]);
        Assert.Equal("hello", pool.Metadata.Annotations["note"]);
        Assert.Equal("1234-abcd", pool.Metadata.Uid);
        Assert.Equal("42", pool.Metadata.ResourceVersion);
        Assert.Equal($"test.{format}", pool.Metadata.Source);
        Assert.Equal(["192.168.10.0/24", "10.0.0.1-10.0.0.9", "fc00::/124"], pool.Spec.Addresses);
        Assert.False(pool.Spec.AutoAssign);
        Assert.True(pool.Spec.AvoidBuggyIPs);
        var allocation = pool.Spec.ServiceAllocation!;
        Assert.Equal(50, allocation.Priority);
        Assert.Equal(["a", "b"], allocation.Namespaces);
        Assert.Equal("x", Assert.Single(allocation.NamespaceSelectors!).MatchLabels!["team"]);
        var requirement = Assert.Single(Assert.Single(allocation.ServiceSelectors!).MatchExpressions!);
        Assert.Equal(("app", "In"), (requirement.Key, requirement.Operator));
        Assert.Equal(["web", "api"], requirement.Values);
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void Read_L2AdvertisementWithAllFields_MapsEveryField(string format)
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta1
            kind: L2Advertisement
            metadata: {name: l2}
            spec:
              ipAddressPools: [pool1]
              ipAddressPoolSelectors: [{matchLabels: {tier: gold}}]
              nodeSelectors: [{matchLabels: {kubernetes.io/hostname: n1}}]
              interfaces: [eth0, eth1]
              serviceSelectors: [{matchLabels: {app: web}}]
              preferredNodeSelectors:
                - weight: 30
                  preference: {matchLabels: {zone: a}}
            """;

        var result = ManifestFormats.Read(yaml, format);

        Assert.Empty(result.Problems);
        var ad = Assert.Single(result.Objects.L2Advertisements);
        Assert.Equal("l2", ad.Metadata.Name);
        Assert.Equal(["pool1"], ad.Spec.IPAddressPools);
        Assert.Equal("gold", Assert.Single(ad.Spec.IPAddressPoolSelectors!).MatchLabels!["tier"]);
        Assert.Equal("n1", Assert.Single(ad.Spec.NodeSelectors!).MatchLabels!["kubernetes.io/hostname"]);
        Assert.Equal(["eth0", "eth1"], ad.Spec.Interfaces);
        Assert.Equal("web", Assert.Single(ad.Spec.ServiceSelectors!).MatchLabels!["app"]);
        var preferred = Assert.Single(ad.Spec.PreferredNodeSelectors!);
        Assert.Equal(30, preferred.Weight);
        Assert.Equal("a", preferred.Preference!.MatchLabels!["zone"]);
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void Read_BGPAdvertisementWithAllFields_MapsEveryField(string format)
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta1
            kind: BGPAdvertisement
            metadata: {name: bgp}
            spec:
              aggregationLength: 24
              aggregationLengthV6: 120
              localPref: 100
              communities: ["65535:65282", large:1:2:3, no-advertise]
              ipAddressPools: [pool1]
              ipAddressPoolSelectors: [{matchLabels: {tier: gold}}]
              nodeSelectors: [{matchLabels: {rack: r1}}]
              peers: [peer1]
              serviceSelectors: [{matchLabels: {app: web}}]
            """;

        var result = ManifestFormats.Read(yaml, format);

        Assert.Empty(result.Problems);
        var ad = Assert.Single(result.Objects.BgpAdvertisements);
        Assert.Equal(24, ad.Spec.AggregationLength);
        Assert.Equal(120, ad.Spec.AggregationLengthV6);
        Assert.Equal(100u, ad.Spec.LocalPref);
        Assert.Equal(["65535:65282", "large:1:2:3", "no-advertise"], ad.Spec.Communities);
        Assert.Equal(["pool1"], ad.Spec.IPAddressPools);
        Assert.Equal("gold", Assert.Single(ad.Spec.IPAddressPoolSelectors!).MatchLabels!["tier"]);
        Assert.Equal("r1", Assert.Single(ad.Spec.NodeSelectors!).MatchLabels!["rack"]);
        Assert.Equal(["peer1"], ad.Spec.Peers);
        Assert.Equal("web", Assert.Single(ad.Spec.ServiceSelectors!).MatchLabels!["app"]);
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void Read_BGPPeerV1beta2WithAllFields_MapsEveryField(string format)
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta2
            kind: BGPPeer
            metadata: {name: peer1, namespace: metallb-system}
            spec:
              myASN: 64500
              peerASN: 4294967295
              dynamicASN: external
              localASN: 64999
              peerAddress: 10.0.0.1
              interface: eth0
              sourceAddress: 10.0.0.2
              peerPort: 1179
              holdTime: 90s
              keepaliveTime: 30s
              connectTime: 5s
              routerID: 10.10.10.10
              nodeSelectors: [{matchLabels: {rack: r1}}]
              password: secret
              passwordSecret: {name: bgp-auth, namespace: metallb-system}
              bfdProfile: fast
              enableGracefulRestart: true
              ebgpMultiHop: true
              vrf: red
              disableMP: true
              dualStackAddressFamily: true
            """;

        var result = ManifestFormats.Read(yaml, format);

        Assert.Empty(result.Problems);
        var peer = Assert.Single(result.Objects.Peers);
        Assert.Equal("v1beta2", peer.SourceVersion);
        var spec = peer.Spec;
        Assert.Equal(64500u, spec.MyASN);
        Assert.Equal(4294967295u, spec.PeerASN);
        Assert.Equal("external", spec.DynamicASN);
        Assert.Equal(64999u, spec.LocalASN);
        Assert.Equal("10.0.0.1", spec.PeerAddress);
        Assert.Equal("eth0", spec.Interface);
        Assert.Equal("10.0.0.2", spec.SourceAddress);
        Assert.Equal(1179, spec.PeerPort);
        Assert.Equal(("90s", "30s", "5s"), (spec.HoldTime, spec.KeepaliveTime, spec.ConnectTime));
        Assert.Equal("10.10.10.10", spec.RouterID);
        Assert.Equal("r1", Assert.Single(spec.NodeSelectors!).MatchLabels!["rack"]);
        Assert.Equal("secret", spec.Password);
        Assert.Equal(new SecretReference { Name = "bgp-auth", Namespace = "metallb-system" }, spec.PasswordSecret);
        Assert.Equal("fast", spec.BfdProfile);
        Assert.True(spec.EnableGracefulRestart);
        Assert.True(spec.EbgpMultiHop);
        Assert.Equal("red", spec.Vrf);
        Assert.True(spec.DisableMP);
        Assert.True(spec.DualStackAddressFamily);
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void Read_BFDProfileWithAllFields_MapsEveryField(string format)
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta1
            kind: BFDProfile
            metadata: {name: fast}
            spec:
              receiveInterval: 380
              transmitInterval: 270
              detectMultiplier: 37
              echoInterval: 62
              echoMode: true
              passiveMode: true
              minimumTtl: 10
            """;

        var result = ManifestFormats.Read(yaml, format);

        Assert.Empty(result.Problems);
        var spec = Assert.Single(result.Objects.BfdProfiles).Spec;
        Assert.Equal(
            new BfdProfileSpec
            {
                ReceiveInterval = 380,
                TransmitInterval = 270,
                DetectMultiplier = 37,
                EchoInterval = 62,
                EchoMode = true,
                PassiveMode = true,
                MinimumTtl = 10,
            },
            spec);
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void Read_CommunityWithAllFields_MapsEveryField(string format)
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta1
            kind: Community
            metadata: {name: communities}
            spec:
              communities:
                - {name: no-advertise, value: "65535:65282"}
                - {name: big, value: "large:1:2:3"}
            """;

        var result = ManifestFormats.Read(yaml, format);

        Assert.Empty(result.Problems);
        var community = Assert.Single(result.Objects.Communities);
        Assert.Equal(
            [new CommunityAlias { Name = "no-advertise", Value = "65535:65282" }, new CommunityAlias { Name = "big", Value = "large:1:2:3" }],
            community.Spec.Communities);
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void Read_NamespaceAndNode_MapLabelsAndNetworkUnavailable(string format)
    {
        const string yaml = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: team-a, labels: {team: a}}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
            status:
              conditions:
                - {type: Ready, status: "True"}
                - {type: NetworkUnavailable, status: "True"}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: n2}
            status:
              conditions:
                - {type: NetworkUnavailable, status: "False"}
            """;

        var result = ManifestFormats.Read(yaml, format);

        Assert.Empty(result.Problems);
        var ns = Assert.Single(result.Objects.Namespaces);
        Assert.Equal(("team-a", "a"), (ns.Metadata.Name, ns.Metadata.Labels["team"]));
        Assert.Equal([("n1", true), ("n2", false)], result.Objects.Nodes.Select(n => (n.Metadata.Name, n.NetworkUnavailable)));
        Assert.Equal("n1", result.Objects.Nodes[0].Metadata.Labels["kubernetes.io/hostname"]);
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void Read_ServiceWithAllFields_MapsEveryField(string format)
    {
        const string yaml = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: default
              annotations: {metallb.io/address-pool: pool1}
            spec:
              type: LoadBalancer
              clusterIP: 10.96.0.10
              clusterIPs: [10.96.0.10, "fd00::10"]
              ipFamilies: [IPv4, IPv6]
              ipFamilyPolicy: PreferDualStack
              loadBalancerIP: 192.168.10.5
              loadBalancerClass: metallb
              externalTrafficPolicy: Local
              ports:
                - {name: http, port: 80, targetPort: 8080}
                - {name: dns, port: 53, protocol: UDP, targetPort: dns}
              selector: {app: web}
            status:
              loadBalancer:
                ingress:
                  - ip: 192.168.10.5
                  - hostname: lb.example.com
                  - ip: "2001:db8::5"
            """;

        var result = ManifestFormats.Read(yaml, format);

        Assert.Empty(result.Problems);
        var service = Assert.Single(result.Objects.Services);
        Assert.Equal("default/web", service.Key);
        Assert.Equal("pool1", service.Metadata.Annotations["metallb.io/address-pool"]);
        Assert.Equal("LoadBalancer", service.Type);
        Assert.Equal(["10.96.0.10", "fd00::10"], service.ClusterIPs);
        Assert.Equal(["IPv4", "IPv6"], service.IpFamilies);
        Assert.Equal("PreferDualStack", service.IpFamilyPolicy);
        Assert.Equal("192.168.10.5", service.LoadBalancerIP);
        Assert.Equal("metallb", service.LoadBalancerClass);
        Assert.Equal("Local", service.ExternalTrafficPolicy);
        Assert.Equal([new ServicePort("TCP", 80), new ServicePort("UDP", 53)], service.Ports);
        Assert.Equal("web", service.Selector!["app"]);
        Assert.Equal(["192.168.10.5", "2001:db8::5"], service.IngressIPs);
    }

    [Theory]
    [InlineData("clusterIP: 10.96.0.10", new[] { "10.96.0.10" })]
    [InlineData("clusterIP: None", new string[0])]
    [InlineData("clusterIP: \"\"", new string[0])]
    [InlineData("ports: []", new string[0])]
    public void Read_ServiceWithoutClusterIPs_FallsBackToClusterIP(string specLine, string[] expected)
    {
        var yaml = $"""
            apiVersion: v1
            kind: Service
            metadata: {"{"}name: web{"}"}
            spec:
              {specLine}
            """;

        var result = ManifestReader.ReadText(yaml, "svc.yaml");

        Assert.Empty(result.Problems);
        var service = Assert.Single(result.Objects.Services);
        Assert.Equal(expected, service.ClusterIPs);
        Assert.Equal(("ClusterIP", "Cluster"), (service.Type, service.ExternalTrafficPolicy));
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public void Read_EndpointSlices_MapNodeAddressesAndConditions(string format)
    {
        const string yaml = """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: web-abc
              namespace: default
              labels: {kubernetes.io/service-name: web}
            addressType: IPv4
            endpoints:
              - addresses: [10.1.0.5]
                nodeName: n1
                conditions: {ready: true, serving: true, terminating: false}
              - addresses: [10.1.0.6, 10.1.0.7]
                nodeName: n2
                conditions: {ready: false, serving: true}
              - addresses: [10.1.0.8]
            ---
            apiVersion: discovery.k8s.io/v1beta1
            kind: EndpointSlice
            metadata:
              name: web-old
              labels: {kubernetes.io/service-name: web}
            endpoints:
              - addresses: [10.1.0.9]
                topology: {kubernetes.io/hostname: n3}
                conditions: {ready: true}
            """;

        var result = ManifestFormats.Read(yaml, format);

        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Objects.EndpointSlices.Count);
        var v1 = result.Objects.EndpointSlices[0];
        Assert.Equal("web", v1.ServiceName);
        Assert.Equal(
            [
                new EndpointInfo { NodeName = "n1", Addresses = ["10.1.0.5"], Ready = true, Serving = true },
                new EndpointInfo { NodeName = "n2", Addresses = ["10.1.0.6", "10.1.0.7"], Ready = false, Serving = true },
                new EndpointInfo { NodeName = null, Addresses = ["10.1.0.8"] },
            ],
            v1.Endpoints,
            EndpointComparer.Instance);
        var legacy = Assert.Single(result.Objects.EndpointSlices[1].Endpoints);
        Assert.Equal(("n3", true), (legacy.NodeName, legacy.Ready));
    }
}
