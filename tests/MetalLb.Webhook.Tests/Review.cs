using System.Net;
using System.Net.Mime;
using System.Text;
using System.Text.Json.Nodes;

namespace MetalLb.Webhook.Tests;

/// <summary>Builds AdmissionReview requests as the API server sends them, and posts them.</summary>
internal static class Review
{
    public const string Create = "CREATE";
    public const string Update = "UPDATE";
    public const string Delete = "DELETE";

    /// <summary>A review of <paramref name="obj"/> (JSON); for DELETE the object goes in <c>oldObject</c>.</summary>
    public static string For(string operation, string obj, string? oldObject = null, string uid = "705ab4f5-6393-11e8-b7cc-42010a800002")
    {
        var node = JsonNode.Parse(obj)!.AsObject();
        var apiVersion = (string)node["apiVersion"]!;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = new JsonObject
            {
                ["group"] = slash < 0 ? "" : apiVersion[..slash],
                ["version"] = apiVersion[(slash + 1)..],
                ["kind"] = (string)node["kind"]!,
            },
            ["name"] = (string?)node["metadata"]?["name"],
            ["namespace"] = (string?)node["metadata"]?["namespace"],
            ["operation"] = operation,
            ["userInfo"] = new JsonObject { ["username"] = "admin", ["groups"] = new JsonArray("system:masters") },
            ["object"] = operation == Delete ? null : node,
            ["oldObject"] = operation == Delete ? node : oldObject is null ? null : JsonNode.Parse(oldObject),
            ["dryRun"] = false,
        };
        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request }.ToJsonString();
    }

    public static async Task<AdmissionResult> PostAsync(this HttpClient client, string path, string review)
    {
        var response = await client.PostRawAsync(path + "?timeout=5s", review);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return AdmissionResult.Parse(body);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body) =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, MediaTypeNames.Application.Json));
}
