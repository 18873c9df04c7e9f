namespace MetalLb.Webhook.Tests;

public class PoolMutationTests
{
    private const string Path = "/mutate-metallb-io-v1beta1-ipaddresspool";

    [Fact]
    public async Task Create_WithDefaultsLeftOutAndSpacedAddresses_MakesDefaultsExplicitAndTrimsAddresses()
    {
        const string pool = """
            {"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"p","namespace":"metallb-system"},
             "spec":{"addresses":["1.2.3.1 - 1.2.3.5","10.0.0.0/24"," 2001:db8::/120 "]}}
            """;

        var result = await PostAsync(Review.For(Review.Create, pool));

        Assert.True(result.Allowed, result.Message);
        Assert.Equal(
            [
                "add /spec/autoAssign true",
                "add /spec/avoidBuggyIPs false",
                "replace /spec/addresses/0 \"1.2.3.1-1.2.3.5\"",
                "replace /spec/addresses/2 \"2001:db8::/120\"",
            ],
            result.Operations);
    }

    [Fact]
    public async Task Create_WithEverythingExplicitAndClean_IsNotPatched()
    {
        const string pool = """
            {"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"p","namespace":"metallb-system"},
             "spec":{"addresses":["10.0.0.0/24"],"autoAssign":false,"avoidBuggyIPs":true}}
            """;

        var result = await PostAsync(Review.For(Review.Create, pool));

        Assert.True(result.Allowed, result.Message);
        Assert.Null(result.Patch);
    }

    [Fact]
    public async Task Update_WithAnExplicitNullDefault_SetsIt()
    {
        const string pool = """
            {"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"p","namespace":"metallb-system"},
             "spec":{"addresses":["10.0.0.0/24"],"autoAssign":null,"avoidBuggyIPs":true}}
            """;

        var result = await PostAsync(Review.For(Review.Update, pool, pool));

        Assert.Equal(["add /spec/autoAssign true"], result.Operations);
    }

    [Fact]
    public async Task Mutate_WhenTheObjectIsNotAPool_IsNotAllowed()
    {
        const string peer = """{"apiVersion":"metallb.io/v1beta2","kind":"BGPPeer","metadata":{"name":"p","namespace":"metallb-system"},"spec":{}}""";

        var result = await PostAsync(Review.For(Review.Create, peer));

        Assert.False(result.Allowed);
        Assert.Equal("this endpoint admits metallb.io IPAddressPool objects, got \"metallb.io/v1beta2 BGPPeer\"", result.Message);
    }

    private static async Task<AdmissionResult> PostAsync(string review)
    {
        using var factory = WebhookFactory.With("");
        return await factory.CreateClient().PostAsync(Path, review);
    }
}
