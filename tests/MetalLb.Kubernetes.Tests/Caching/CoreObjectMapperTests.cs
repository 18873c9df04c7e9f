using System.Text.Json;
using k8s;
using k8s.Models;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Caching;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests.Caching;

/// <summary>The mapper must read a core object exactly as the manifest reader reads the same object's JSON.</summary>
public class CoreObjectMapperTests
{
    public static TheoryData<string, V1Service> Services => new()
    {
        { "defaults", Service(new V1ServiceSpec()) },
        { "no spec", new V1Service { ApiVersion = "v1", Kind = "Service", Metadata = Meta("web", "default") } },
        {
            "dual-stack load balancer", Service(
                new V1ServiceSpec
                {
                    Type = "LoadBalancer",
                    ClusterIP = "203.0.113.10",
                    ClusterIPs = ["203.0.113.10", "fd00::10"],
                    IpFamilies = ["IPv4", "IPv6"],
                    IpFamilyPolicy = "PreferDualStack",
                    LoadBalancerIP = "192.0.2.1",
                    LoadBalancerClass = "metallb.io/metallb",
                    ExternalTrafficPolicy = "Local",
                    Ports = [new V1ServicePort { Port = 80 }, new V1ServicePort { Port = 53, Protocol = "UDP" }],
                    Selector = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" },
                },
                new V1ServiceStatus
                {
                    LoadBalancer = new V1LoadBalancerStatus
                    {
                        Ingress = [new V1LoadBalancerIngress { Ip = "192.0.2.1" }, new V1LoadBalancerIngress { Hostname = "lb.example" }, new V1LoadBalancerIngress { Ip = "" }],
                    },
                })
        },
        { "headless", Service(new V1ServiceSpec { ClusterIP = "None", ClusterIPs = ["None"] }) },
        { "clusterIP only", Service(new V1ServiceSpec { ClusterIP = "203.0.113.11" }) },
        { "empty clusterIPs", Service(new V1ServiceSpec { ClusterIP = "203.0.113.12", ClusterIPs = [] }) },
        { "empty selector", Service(new V1ServiceSpec { Selector = new Dictionary<string, string>() }) },
        { "empty status", Service(new V1ServiceSpec { Type = "NodePort" }, new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus() }) },
    };

    public static TheoryData<string, V1Node> Nodes => new()
    {
        { "no status", Node(null) },
        { "network unavailable", Node([Condition("Ready", "True"), Condition("NetworkUnavailable", "True")]) },
        { "network available", Node([Condition("NetworkUnavailable", "False")]) },
        { "other condition true", Node([Condition("MemoryPressure", "True")]) },
        { "unknown", Node([Condition("NetworkUnavailable", "Unknown")]) },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_MapsAsTheManifestReaderReadsIt(string @case, V1Service service)
    {
        var expected = ReadManifest(service).Services;

        var mapped = CoreObjectMapper.ToDomain(service);

        AssertSame(@case, Assert.Single(expected), mapped);
    }

    [Fact]
    public void Service_WithUnsupportedTrafficPolicy_IsRefusedByBoth()
    {
        var service = Service(new V1ServiceSpec { ExternalTrafficPolicy = "Nearest" });
        var manifest = ManifestReader.ReadText(KubernetesJson.Serialize(service), "cluster.json");

        var mapped = CoreObjectMapper.ToDomain(service);
        var readable = CoreObjectMapper.TryToDomain(service, out _, out var problem);

        Assert.Null(mapped);
        Assert.False(readable);
        Assert.Empty(manifest.Objects.Services);
        var reported = Assert.Single(manifest.Problems);
        Assert.Equal($"{reported.Field}: {reported.Message}", problem);
    }

    [Theory]
    [MemberData(nameof(Nodes))]
    public void Node_MapsAsTheManifestReaderReadsIt(string @case, V1Node node)
    {
        var expected = ReadManifest(node).Nodes;

        var mapped = CoreObjectMapper.ToDomain(node);

        AssertSame(@case, Assert.Single(expected), mapped);
    }

    [Fact]
    public void Node_WithNetworkUnavailableTrue_IsFlagged()
    {
        var mapped = CoreObjectMapper.ToDomain(Node([Condition("NetworkUnavailable", "True")]));

        Assert.True(mapped.NetworkUnavailable);
    }

    [Fact]
    public void Namespace_MapsAsTheManifestReaderReadsIt()
    {
        var ns = new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta
            {
                Name = "team-a",
                Uid = "u-ns",
                ResourceVersion = "42",
                Labels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "team-a", ["env"] = "prod" },
                Annotations = new Dictionary<string, string>(),
            },
        };
        var expected = ReadManifest(ns).Namespaces;

        var mapped = CoreObjectMapper.ToDomain(ns);

        AssertSame("namespace", Assert.Single(expected), mapped);
        Assert.Equal("prod", mapped.Metadata.Labels["env"]);
    }

    private static ConfigSource ReadManifest(object value)
    {
        var result = ManifestReader.ReadText(KubernetesJson.Serialize(value), "cluster.json");
        Assert.Empty(result.Problems);
        return result.Objects;
    }

    private static void AssertSame(string @case, object expected, object? actual)
    {
        var (e, a) = (Json(expected), Json(actual));
        Assert.True(e == a, $"{@case}:\nmanifest: {e}\nmapper:   {a}");
    }

    /// <summary>The record as JSON without the manifest's file name, so that maps and lists compare by content.</summary>
    private static string Json(object? value) => value switch
    {
        ServiceInfo s => JsonSerializer.Serialize(s with { Metadata = s.Metadata with { Source = null } }),
        NodeInfo n => JsonSerializer.Serialize(n with { Metadata = n.Metadata with { Source = null } }),
        NamespaceInfo n => JsonSerializer.Serialize(n with { Metadata = n.Metadata with { Source = null } }),
        _ => JsonSerializer.Serialize(value),
    };

    private static V1Service Service(V1ServiceSpec spec, V1ServiceStatus? status = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = Meta("web", "default"),
        Spec = spec,
        Status = status,
    };

    private static V1Node Node(IList<V1NodeCondition>? conditions) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = Meta("node-1", null),
        Status = conditions is null ? null : new V1NodeStatus { Conditions = conditions },
    };

    private static V1NodeCondition Condition(string type, string status) => new() { Type = type, Status = status };

    private static V1ObjectMeta Meta(string name, string? @namespace) => new()
    {
        Name = name,
        NamespaceProperty = @namespace,
        Uid = $"uid-{name}",
        ResourceVersion = "17",
        Labels = new Dictionary<string, string> { ["app"] = name },
        Annotations = new Dictionary<string, string> { ["metallb.io/loadBalancerIPs"] = "192.0.2.1" },
        CreationTimestamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };
}
