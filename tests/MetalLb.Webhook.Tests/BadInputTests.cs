using System.Net;
using System.Text.Json.Nodes;

namespace MetalLb.Webhook.Tests;

public class BadInputTests
{
    private const string Path = "/validate-metallb-io-v1beta1-ipaddresspool";

    private const string Pool = """{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"p","namespace":"metallb-system"},"spec":{"addresses":["10.0.0.0/24"]}}""";

    [Fact]
    public async Task MalformedJson_Is400_AndTheNextRequestIsServed()
    {
        using var factory = WebhookFactory.With("");
        var client = factory.CreateClient();

        var bad = await client.PostRawAsync(Path, """{"apiVersion":"admission.k8s.io/v1","kind":""");
        var good = await client.PostAsync(Path, Review.For(Review.Create, Pool));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.StartsWith("malformed AdmissionReview:", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(good.Allowed, good.Message);
    }

    [Theory]
    [InlineData("admission.k8s.io/v1beta1", "AdmissionReview")]
    [InlineData("admission.k8s.io/v1", "ConversionReview")]
    [InlineData(null, null)]
    public async Task ReviewOfAnUnknownVersionOrKind_Is400(string? apiVersion, string? kind)
    {
        var review = JsonNode.Parse(Review.For(Review.Create, Pool))!;
        review["apiVersion"] = apiVersion;
        review["kind"] = kind;

        var (status, body) = await PostAsync(review.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("unsupported review", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("request", "AdmissionReview has no request")]
    [InlineData("uid", "AdmissionReview request has no uid")]
    [InlineData("object", "AdmissionReview request has no object (or it is not a JSON object)")]
    [InlineData("operation", "AdmissionReview request has an unknown operation \"\"")]
    public async Task ReviewMissingAPart_Is400WithAClearMessage(string missing, string message)
    {
        var review = JsonNode.Parse(Review.For(Review.Create, Pool))!.AsObject();
        if (missing == "request")
        {
            review.Remove("request");
        }
        else
        {
            review["request"]!.AsObject().Remove(missing);
        }

        var (status, body) = await PostAsync(review.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message + "\n", body);
    }

    [Fact]
    public async Task ObjectThatIsNotAJsonObject_Is400()
    {
        var review = JsonNode.Parse(Review.For(Review.Create, Pool))!;
        review["request"]!["object"] = "IPAddressPool";

        var (status, _) = await PostAsync(review.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task BodyOver3MiB_Is413()
    {
        var review = JsonNode.Parse(Review.For(Review.Create, Pool))!;
        review["request"]!["object"]!["metadata"]!["annotations"] = new JsonObject { ["big"] = new string('x', 3 * 1024 * 1024) };

        var (status, _) = await PostAsync(review.ToJsonString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task BodyOver3MiBWithoutContentLength_Is413()
    {
        using var factory = WebhookFactory.With("");
        using var content = new StreamContent(new MemoryStream(new byte[(3 * 1024 * 1024) + 1]));
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_Is404()
    {
        using var factory = WebhookFactory.With("");

        var response = await factory.CreateClient().PostRawAsync("/validate-metallb-io-v1beta1-nothing", Review.For(Review.Create, Pool));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(string body)
    {
        using var factory = WebhookFactory.With("");
        var response = await factory.CreateClient().PostRawAsync(Path, body);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
