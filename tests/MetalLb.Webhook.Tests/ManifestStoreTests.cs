using System.Net;

namespace MetalLb.Webhook.Tests;

public class ManifestStoreTests
{
    private const string Path = "/validate-metallb-io-v1beta1-ipaddresspool";

    private const string PoolA = """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: a, namespace: metallb-system}
        spec: {addresses: [10.0.0.0/24]}
        """;

    [Fact]
    public async Task Manifests_AreTheCurrentObjects_AndTheStoreIsReadyAfterTheFirstRead()
    {
        using var dir = new TempDirectory();
        dir.Write("pools/a.yaml", PoolA);
        using var factory = new WebhookFactory(null, new Dictionary<string, string> { ["Webhook:Manifests"] = dir.Path });
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/readyz");
        var result = await client.PostAsync(Path, Review.For(Review.Create, Pool("b", "10.0.0.0/25")));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.False(result.Allowed);
        Assert.Contains("in pool \"a\"", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifests_WhenAFileChanges_AreReadAgain()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("a.yaml", PoolA);
        using var factory = new WebhookFactory(null, new Dictionary<string, string>
        {
            ["Webhook:Manifests"] = dir.Path,
            ["Webhook:ManifestReloadDelay"] = "00:00:00.050",
        });
        var client = factory.CreateClient();
        var review = Review.For(Review.Create, Pool("b", "10.0.0.0/25"));
        Assert.False((await client.PostAsync(Path, review)).Allowed);

        File.WriteAllText(file, PoolA.Replace("10.0.0.0/24", "10.7.0.0/24", StringComparison.Ordinal));
        var allowed = false;
        for (var i = 0; i < 100 && !allowed; i++)
        {
            await Task.Delay(50);
            allowed = (await client.PostAsync(Path, review)).Allowed;
        }

        Assert.True(allowed, "the changed manifest was not picked up within 5 s");
    }

    [Fact]
    public async Task Manifests_WithUnreadableFiles_AreServedWithWhatCouldBeRead()
    {
        using var dir = new TempDirectory();
        dir.Write("a.yaml", PoolA);
        dir.Write("broken.yaml", "kind: [unclosed");
        using var factory = new WebhookFactory(null, new Dictionary<string, string> { ["Webhook:Manifests"] = dir.Path });
        var client = factory.CreateClient();

        var result = await client.PostAsync(Path, Review.For(Review.Create, Pool("b", "10.0.0.0/25")));

        Assert.False(result.Allowed);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public void Start_WhenManifestPathDoesNotExist_FailsNamingIt()
    {
        using var factory = new WebhookFactory(null, new Dictionary<string, string> { ["Webhook:Manifests"] = "/nonexistent/metallb" });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Webhook:Manifests (--manifests) \"/nonexistent/metallb\" does not exist", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithoutManifestsOrAClusterStore_FailsSayingWhatToSet()
    {
        using var factory = new WebhookFactory(null);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("set --manifests DIR (Webhook:Manifests) or run in a cluster", error.ToString(), StringComparison.Ordinal);
    }

    private static string Pool(string name, string cidr) =>
        $$$"""{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"{{{name}}}","namespace":"metallb-system"},"spec":{"addresses":["{{{cidr}}}"]}}""";
}
