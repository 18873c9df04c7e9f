using System.Text;
using System.Text.Json.Nodes;

namespace MetalLb.Webhook.Tests;

/// <summary>The parts of an AdmissionReview response the tests assert on, with the patch decoded.</summary>
internal sealed record AdmissionResult(string Uid, bool Allowed, int? Code, string? Message, IReadOnlyList<string> Warnings, JsonArray? Patch)
{
    public static AdmissionResult Parse(string json)
    {
        var review = JsonNode.Parse(json)!;
        Assert.Equal("admission.k8s.io/v1", (string?)review["apiVersion"]);
        Assert.Equal("AdmissionReview", (string?)review["kind"]);
        var response = review["response"]!;
        JsonArray? patch = null;
        if (response["patch"] is { } encoded)
        {
            Assert.Equal("JSONPatch", (string?)response["patchType"]);
            patch = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String((string)encoded!)))!.AsArray();
        }

        return new AdmissionResult(
            (string)response["uid"]!,
            (bool)response["allowed"]!,
            (int?)response["status"]?["code"],
            (string?)response["status"]?["message"],
            response["warnings"]?.AsArray().Select(w => (string)w!).ToArray() ?? [],
            patch);
    }

    /// <summary>The patch operations as <c>op path value</c> lines, for exact assertions.</summary>
    public IReadOnlyList<string> Operations =>
        Patch?.Select(o => $"{o!["op"]} {o["path"]} {o["value"]?.ToJsonString()}").ToArray() ?? [];
}
