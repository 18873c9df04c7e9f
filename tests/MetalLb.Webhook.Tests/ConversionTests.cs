using System.Net;
using System.Text.Json.Nodes;

namespace MetalLb.Webhook.Tests;

public class ConversionTests
{
    private const string Path = "/convert";

    private const string Metadata = """
        {"name":"router","namespace":"metallb-system","uid":"4c3a","resourceVersion":"812","generation":2,
         "labels":{"site":"a"},"annotations":{"note":"x"},"creationTimestamp":"2026-01-02T03:04:05Z"}
        """;

    [Fact]
    public async Task Convert_V1beta1ToV1beta2_ChangesApiVersionAndSpecAndKeepsMetadata()
    {
        var peer = $$$"""
            {"apiVersion":"metallb.io/v1beta1","kind":"BGPPeer","metadata":{{{Metadata}}},
             "spec":{"myASN":64500,"peerASN":64501,"peerAddress":"10.1.1.1","peerPort":180,"holdTime":"90s",
                     "ebgpMultiHop":true,"nodeSelectors":[{"matchLabels":{"rack":"r1"}}]},"status":{}}
            """;

        var (result, objects) = await ConvertAsync("metallb.io/v1beta2", peer);

        Assert.Equal("Success", (string?)result["status"]);
        var converted = Assert.Single(objects)!;
        Assert.Equal("metallb.io/v1beta2", (string?)converted["apiVersion"]);
        Assert.Equal("BGPPeer", (string?)converted["kind"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Metadata), converted["metadata"]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"myASN":64500,"peerASN":64501,"peerAddress":"10.1.1.1","peerPort":180,"holdTime":"90s","nodeSelectors":[{"matchLabels":{"rack":"r1"}}],"ebgpMultiHop":true}"""),
            converted["spec"]));
        Assert.True(JsonNode.DeepEquals(new JsonObject(), converted["status"]));
    }

    [Fact]
    public async Task Convert_V1beta2ToV1beta1_DropsWhatV1beta1Lacks()
    {
        var peer = $$$"""
            {"apiVersion":"metallb.io/v1beta2","kind":"BGPPeer","metadata":{{{Metadata}}},
             "spec":{"myASN":64500,"peerASN":64501,"peerAddress":"10.1.1.1","vrf":"red","connectTime":"5s",
                     "enableGracefulRestart":true,"passwordSecret":{"name":"s"},"bfdProfile":"fast"}}
            """;

        var (result, objects) = await ConvertAsync("metallb.io/v1beta1", peer);

        Assert.Equal("Success", (string?)result["status"]);
        var converted = Assert.Single(objects)!;
        Assert.Equal("metallb.io/v1beta1", (string?)converted["apiVersion"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Metadata), converted["metadata"]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"myASN":64500,"peerASN":64501,"peerAddress":"10.1.1.1","bfdProfile":"fast"}"""),
            converted["spec"]));
    }

    [Fact]
    public async Task Convert_ToTheSameVersion_ReturnsTheObjectUnchanged()
    {
        var peer = $$$"""{"apiVersion":"metallb.io/v1beta2","kind":"BGPPeer","metadata":{{{Metadata}}},"spec":{"myASN":1,"peerASN":2,"peerAddress":"10.1.1.1","vrf":"red"}}""";

        var (_, objects) = await ConvertAsync("metallb.io/v1beta2", peer);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(peer), Assert.Single(objects)));
    }

    [Fact]
    public async Task Convert_OfAnotherKind_FailsWithAMessage()
    {
        const string pool = """{"apiVersion":"metallb.io/v1beta1","kind":"IPAddressPool","metadata":{"name":"p"},"spec":{}}""";

        var (result, objects) = await ConvertAsync("metallb.io/v1beta2", pool);

        Assert.Equal("Failure", (string?)result["status"]);
        Assert.Contains("only metallb.io/v1beta1 and metallb.io/v1beta2 BGPPeer are converted", (string?)result["message"], StringComparison.Ordinal);
        Assert.Empty(objects);
    }

    [Fact]
    public async Task Convert_WithASpecFieldOfTheWrongType_Fails()
    {
        const string peer = """{"apiVersion":"metallb.io/v1beta1","kind":"BGPPeer","metadata":{"name":"p"},"spec":{"myASN":"many"}}""";

        var (result, _) = await ConvertAsync("metallb.io/v1beta2", peer);

        Assert.Equal("Failure", (string?)result["status"]);
        Assert.StartsWith("cannot convert BGPPeer p: invalid spec:", (string?)result["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_MalformedReview_Is400()
    {
        using var factory = WebhookFactory.With("");

        var response = await factory.CreateClient().PostRawAsync(Path, """{"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview","request":""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("malformed ConversionReview", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_AnAdmissionReview_Is400()
    {
        using var factory = WebhookFactory.With("");

        var response = await factory.CreateClient().PostRawAsync(Path, """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("this endpoint serves apiextensions.k8s.io/v1 ConversionReview", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<(JsonNode Result, JsonArray Objects)> ConvertAsync(string desired, string obj)
    {
        var review = new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "ConversionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = "c0ffee",
                ["desiredAPIVersion"] = desired,
                ["objects"] = new JsonArray(JsonNode.Parse(obj)),
            },
        };
        using var factory = WebhookFactory.With("");

        var response = await factory.CreateClient().PostRawAsync(Path + "?timeout=30s", review.ToJsonString());

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("apiextensions.k8s.io/v1", (string?)body["apiVersion"]);
        Assert.Equal("ConversionReview", (string?)body["kind"]);
        Assert.Equal("c0ffee", (string?)body["response"]!["uid"]);
        return (body["response"]!["result"]!, body["response"]!["convertedObjects"]!.AsArray());
    }
}
