using System.Net;

namespace MetalLb.Webhook.Tests;

public class HealthTests
{
    [Fact]
    public async Task Readyz_BeforeTheStoreHasSynced_Is503WithTheReason_AndAfterIs200()
    {
        var store = new FakeObjectStore(synced: false);
        using var factory = new WebhookFactory(store);
        var client = factory.CreateClient();

        var before = await client.GetAsync("/readyz");
        var reason = await before.Content.ReadAsStringAsync();
        store.IsSynced = true;
        var after = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal("object store not synced yet\n", reason);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("ok\n", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_BeforeTheCertificateIsReady_Is503WithTheReason()
    {
        using var factory = new WebhookFactory(new FakeObjectStore(), certificates: new FakeCertificates(ready: false));

        var response = await factory.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("serving certificate not ready yet\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_IsAlways200()
    {
        using var factory = new WebhookFactory(new FakeObjectStore(synced: false));

        var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
