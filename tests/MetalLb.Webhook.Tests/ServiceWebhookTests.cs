using System.Text.Json.Nodes;

namespace MetalLb.Webhook.Tests;

public class ServiceWebhookTests
{
    private const string Path = "/validate-v1-service";

    private const string Cluster = """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: main, namespace: metallb-system}
        spec: {addresses: [10.0.0.0/24], avoidBuggyIPs: true}
        ---
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: tiny, namespace: metallb-system}
        spec: {addresses: [10.0.9.1-10.0.9.1], autoAssign: false}
        ---
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: prod-only, namespace: metallb-system}
        spec:
          addresses: [10.0.5.0/24]
          autoAssign: false
          serviceAllocation: {namespaces: [prod]}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: default}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: holder, namespace: default}
        spec: {type: LoadBalancer, clusterIP: 10.96.0.10, ports: [{port: 80, protocol: TCP}]}
        status: {loadBalancer: {ingress: [{ip: 10.0.0.10}]}}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: filler
          namespace: default
          annotations: {metallb.io/address-pool: tiny}
        spec: {type: LoadBalancer, clusterIP: 10.96.0.11, ports: [{port: 80, protocol: TCP}]}
        status: {loadBalancer: {ingress: [{ip: 10.0.9.1}]}}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: shared-a
          namespace: default
          annotations: {metallb.io/allow-shared-ip: web}
        spec: {type: LoadBalancer, clusterIP: 10.96.0.12, ports: [{port: 80, protocol: TCP}]}
        status: {loadBalancer: {ingress: [{ip: 10.0.0.20}]}}
        """;

    [Fact]
    public async Task Service_NotOfTypeLoadBalancer_IsAllowed()
    {
        var result = await PostAsync(Review.For(Review.Create, Service(type: "ClusterIP", annotations: new() { ["metallb.io/loadBalancerIPs"] = "192.0.2.50" })));

        Assert.True(result.Allowed, result.Message);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Service_WithoutRequest_IsAllowedWithoutWarnings()
    {
        var result = await PostAsync(Review.For(Review.Create, Service()));

        Assert.True(result.Allowed, result.Message);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Service_AskingForAnIpOutsideEveryPool_IsDenied()
    {
        var result = await PostAsync(Review.For(Review.Create, Service(annotations: new() { ["metallb.io/loadBalancerIPs"] = "192.0.2.50" })));

        Assert.False(result.Allowed);
        Assert.Equal("Service/web: \"[192.0.2.50]\" is not allowed in config", result.Message);
    }

    [Fact]
    public async Task Service_AskingForABuggyIpOfAnAvoidBuggyIpsPool_IsDenied()
    {
        var result = await PostAsync(Review.For(Review.Create, Service(loadBalancerIP: "10.0.0.255")));

        Assert.False(result.Allowed);
        Assert.Contains("pool \"main\" has avoidBuggyIPs and 10.0.0.255 ends in .0 or .255", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_AskingForAnIpOfTheWrongFamily_IsDenied()
    {
        var result = await PostAsync(Review.For(Review.Create, Service(annotations: new() { ["metallb.io/loadBalancerIPs"] = "2001:db8::5" })));

        Assert.False(result.Allowed);
        Assert.Contains("does not match the ipFamily of the service", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_AskingForAnIpHeldByANonShareableService_IsDeniedNamingIt()
    {
        var result = await PostAsync(Review.For(Review.Create, Service(annotations: new() { ["metallb.io/loadBalancerIPs"] = "10.0.0.10" })));

        Assert.False(result.Allowed);
        Assert.StartsWith("Service/web: can't share IP 10.0.0.10 with default/holder", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_SharingAnIpWithTheSameKeyOnOtherPorts_IsAllowed()
    {
        var service = Service(annotations: new() { ["metallb.io/loadBalancerIPs"] = "10.0.0.20", ["metallb.io/allow-shared-ip"] = "web" }, port: 443);

        var result = await PostAsync(Review.For(Review.Create, service));

        Assert.True(result.Allowed, result.Message);
    }

    [Fact]
    public async Task Service_SharingAnIpOnAPortInUse_IsDeniedNamingTheOwner()
    {
        var service = Service(annotations: new() { ["metallb.io/loadBalancerIPs"] = "10.0.0.20", ["metallb.io/allow-shared-ip"] = "web" });

        var result = await PostAsync(Review.For(Review.Create, service));

        Assert.False(result.Allowed);
        Assert.Equal("Service/web: port TCP/80 is already in use on \"10.0.0.20\" by default/shared-a", result.Message);
    }

    [Fact]
    public async Task Service_WithBothAnnotationAndSpecLoadBalancerIp_IsDenied()
    {
        var service = Service(annotations: new() { ["metallb.io/loadBalancerIPs"] = "10.0.0.30" }, loadBalancerIP: "10.0.0.31");

        var result = await PostAsync(Review.For(Review.Create, service));

        Assert.False(result.Allowed);
        Assert.Contains("service can not have both metallb.io/loadBalancerIPs and svc.Spec.LoadBalancerIP", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_AskingForAnUnknownPool_IsDenied()
    {
        var result = await PostAsync(Review.For(Review.Create, Service(annotations: new() { ["metallb.io/address-pool"] = "nope" })));

        Assert.False(result.Allowed);
        Assert.Equal("Service/web: unknown pool \"nope\"", result.Message);
    }

    [Fact]
    public async Task Service_AskingForAPoolThatDoesNotAdmitItsNamespace_IsDenied()
    {
        var result = await PostAsync(Review.For(Review.Create, Service(annotations: new() { ["metallb.io/address-pool"] = "prod-only" })));

        Assert.False(result.Allowed);
        Assert.StartsWith("Service/web: pool prod-only not compatible for ip assignment", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_WaitingForCapacity_IsAllowedWithAWarning()
    {
        var result = await PostAsync(Review.For(Review.Create, Service(annotations: new() { ["metallb.io/address-pool"] = "tiny" })));

        Assert.True(result.Allowed, result.Message);
        Assert.Equal(
            ["no free IP now: no available IPs in pool \"tiny\" — the Service stays pending until one is released"],
            result.Warnings);
    }

    [Fact]
    public async Task Service_WithADeprecatedAnnotation_IsAllowedWithAWarning()
    {
        var result = await PostAsync(Review.For(Review.Create, Service(annotations: new() { ["metallb.universe.tf/loadBalancerIPs"] = "10.0.0.30" })));

        Assert.True(result.Allowed, result.Message);
        Assert.Equal(["annotation metallb.universe.tf/loadBalancerIPs is deprecated, use metallb.io/loadBalancerIPs"], result.Warnings);
    }

    [Fact]
    public async Task Service_OfAnotherLoadBalancerClass_IsNotJudged()
    {
        var service = Service(annotations: new() { ["metallb.io/loadBalancerIPs"] = "192.0.2.50" }, loadBalancerClass: "example.com/other");

        var result = await PostAsync(Review.For(Review.Create, service));

        Assert.True(result.Allowed, result.Message);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Service_WhenThePoolConfigurationIsInvalid_IsAllowedWithAWarning()
    {
        const string broken = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: bad, namespace: metallb-system}
            spec: {addresses: [10.0.0.0/33]}
            """;
        using var factory = WebhookFactory.With(broken);

        var result = await factory.CreateClient().PostAsync(
            Path, Review.For(Review.Create, Service(annotations: new() { ["metallb.io/loadBalancerIPs"] = "192.0.2.50" })));

        Assert.True(result.Allowed, result.Message);
        Assert.Equal(["the MetalLB configuration is invalid (1 errors), so this Service was not checked"], result.Warnings);
    }

    [Fact]
    public async Task Service_UpdateThatLeavesAnExistingConflictAsItWas_IsAllowedWithAWarning()
    {
        var annotations = new Dictionary<string, string> { ["metallb.io/loadBalancerIPs"] = "10.0.0.10" };
        var before = Service(annotations: annotations);
        var after = Service(annotations: annotations, labels: new() { ["team"] = "blue" });

        var result = await PostAsync(Review.For(Review.Update, after, before));

        Assert.True(result.Allowed, result.Message);
        Assert.Contains(result.Warnings, w => w.EndsWith("(already the case before this update)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Service_Delete_IsAllowed()
    {
        var result = await PostAsync(Review.For(Review.Delete, Service(annotations: new() { ["metallb.io/loadBalancerIPs"] = "192.0.2.50" })));

        Assert.True(result.Allowed, result.Message);
    }

    [Fact]
    public async Task Path_WhenTheObjectIsNotAService_IsNotAllowed()
    {
        const string pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default"}}""";

        var result = await PostAsync(Review.For(Review.Create, pod));

        Assert.False(result.Allowed);
        Assert.Equal(400, result.Code);
        Assert.Equal("this endpoint admits v1 Service objects, got \"v1 Pod\"", result.Message);
    }

    private static async Task<AdmissionResult> PostAsync(string review)
    {
        using var factory = WebhookFactory.With(Cluster);
        return await factory.CreateClient().PostAsync(Path, review);
    }

    private static string Service(
        string type = "LoadBalancer",
        Dictionary<string, string>? annotations = null,
        Dictionary<string, string>? labels = null,
        string? loadBalancerIP = null,
        string? loadBalancerClass = null,
        int port = 80)
    {
        var spec = new JsonObject
        {
            ["type"] = type,
            ["clusterIP"] = "10.96.0.50",
            ["clusterIPs"] = new JsonArray("10.96.0.50"),
            ["ipFamilies"] = new JsonArray("IPv4"),
            ["ipFamilyPolicy"] = "SingleStack",
            ["selector"] = new JsonObject { ["app"] = "web" },
            ["ports"] = new JsonArray(new JsonObject { ["port"] = port, ["protocol"] = "TCP", ["targetPort"] = 8080 }),
        };
        if (loadBalancerIP is not null)
        {
            spec["loadBalancerIP"] = loadBalancerIP;
        }

        if (loadBalancerClass is not null)
        {
            spec["loadBalancerClass"] = loadBalancerClass;
        }

        var metadata = new JsonObject { ["name"] = "web", ["namespace"] = "default", ["uid"] = "b1f0" };
        if (annotations is not null)
        {
            metadata["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = metadata, ["spec"] = spec, ["status"] = new JsonObject() }
            .ToJsonString();
    }
}
