using System.Text.Json.Nodes;

namespace MetalLb.Webhook.Tests;

public class NamespaceWebhookTests
{
    private const string ValidatePath = "/validate-v1-namespace";
    private const string MutatePath = "/mutate-v1-namespace";

    private static readonly Dictionary<string, string> Privileged = new()
    {
        ["pod-security.kubernetes.io/enforce"] = "privileged",
        ["pod-security.kubernetes.io/audit"] = "privileged",
        ["pod-security.kubernetes.io/warn"] = "privileged",
    };

    [Fact]
    public async Task Update_RemovingAPodSecurityLabel_IsDeniedNamingIt()
    {
        var after = Without(Privileged, "pod-security.kubernetes.io/enforce");

        var result = await PostAsync(ValidatePath, Review.For(Review.Update, Namespace("metallb-system", after), Namespace("metallb-system", Privileged)));

        Assert.False(result.Allowed);
        Assert.StartsWith(
            "Namespace/metallb-system: namespace \"metallb-system\" lacks label pod-security.kubernetes.io/enforce",
            result.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("audit", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_WeakeningAPodSecurityLabel_IsDeniedNamingIt()
    {
        var after = new Dictionary<string, string>(Privileged) { ["pod-security.kubernetes.io/audit"] = "baseline" };

        var result = await PostAsync(ValidatePath, Review.For(Review.Update, Namespace("metallb-system", after), Namespace("metallb-system", Privileged)));

        Assert.False(result.Allowed);
        Assert.Contains("has label pod-security.kubernetes.io/audit=baseline", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_KeepingThePodSecurityLabels_IsAllowed()
    {
        var after = new Dictionary<string, string>(Privileged) { ["team"] = "network" };

        var result = await PostAsync(ValidatePath, Review.For(Review.Update, Namespace("metallb-system", after), Namespace("metallb-system", Privileged)));

        Assert.True(result.Allowed, result.Message);
    }

    [Fact]
    public async Task Update_OfAnotherNamespace_IsAllowed()
    {
        var result = await PostAsync(ValidatePath, Review.For(Review.Update, Namespace("apps", []), Namespace("apps", Privileged)));

        Assert.True(result.Allowed, result.Message);
    }

    [Fact]
    public async Task Delete_OfTheMetalLbNamespace_IsAllowed()
    {
        var result = await PostAsync(ValidatePath, Review.For(Review.Delete, Namespace("metallb-system", Privileged)));

        Assert.True(result.Allowed, result.Message);
    }

    [Fact]
    public async Task Validate_WhenTheObjectIsNotANamespace_IsNotAllowed()
    {
        const string configMap = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"metallb-system"}}""";

        var result = await PostAsync(ValidatePath, Review.For(Review.Create, configMap));

        Assert.False(result.Allowed);
        Assert.Equal(400, result.Code);
    }

    [Fact]
    public async Task Create_OfTheMetalLbNamespaceWithoutLabels_AddsTheLabelsMap()
    {
        var result = await PostAsync(MutatePath, Review.For(Review.Create, Namespace("metallb-system", null)));

        Assert.True(result.Allowed, result.Message);
        Assert.Equal(
            ["add /metadata/labels {\"pod-security.kubernetes.io/enforce\":\"privileged\",\"pod-security.kubernetes.io/audit\":\"privileged\",\"pod-security.kubernetes.io/warn\":\"privileged\"}"],
            result.Operations);
    }

    [Fact]
    public async Task Create_OfTheMetalLbNamespaceWithSomeLabels_AddsOnlyTheMissingOnesWithEscapedPaths()
    {
        var labels = new Dictionary<string, string> { ["pod-security.kubernetes.io/enforce"] = "privileged", ["team"] = "network" };

        var result = await PostAsync(MutatePath, Review.For(Review.Create, Namespace("metallb-system", labels)));

        Assert.Equal(
            [
                "add /metadata/labels/pod-security.kubernetes.io~1audit \"privileged\"",
                "add /metadata/labels/pod-security.kubernetes.io~1warn \"privileged\"",
            ],
            result.Operations);
    }

    [Fact]
    public async Task Create_OfAnotherNamespace_IsNotPatched()
    {
        var result = await PostAsync(MutatePath, Review.For(Review.Create, Namespace("apps", null)));

        Assert.True(result.Allowed, result.Message);
        Assert.Null(result.Patch);
    }

    [Fact]
    public async Task Update_OfTheMetalLbNamespace_IsNotPatched()
    {
        var result = await PostAsync(MutatePath, Review.For(Review.Update, Namespace("metallb-system", null), Namespace("metallb-system", null)));

        Assert.True(result.Allowed, result.Message);
        Assert.Null(result.Patch);
    }

    [Fact]
    public async Task Create_InAConfiguredNamespace_PatchesThatOne()
    {
        using var factory = WebhookFactory.With("", ("Webhook:Namespace", "lb"));

        var result = await factory.CreateClient().PostAsync(MutatePath, Review.For(Review.Create, Namespace("lb", null)));

        Assert.Equal("/metadata/labels", (string?)result.Patch?[0]?["path"]);
    }

    private static async Task<AdmissionResult> PostAsync(string path, string review)
    {
        using var factory = WebhookFactory.With("");
        return await factory.CreateClient().PostAsync(path, review);
    }

    private static Dictionary<string, string> Without(Dictionary<string, string> labels, string key) =>
        labels.Where(l => l.Key != key).ToDictionary(l => l.Key, l => l.Value);

    private static string Namespace(string name, Dictionary<string, string>? labels)
    {
        var metadata = new JsonObject { ["name"] = name, ["uid"] = "9a1e" };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
        }.ToJsonString();
    }
}
