using System.Text.Json.Nodes;

namespace MetalLb.Webhook.Certificates;

/// <summary>
/// Builds the JSON patch that sets <c>caBundle</c> where it differs. Only differing entries are touched, and nothing
/// when all are current, so a GitOps tool sees no churn beyond the one real change (METALLB-SPEC §9, pain point 3).
/// </summary>
internal static class CaBundlePatch
{
    /// <param name="resourceVersion">The version read; a <c>test</c> op makes the patch fail if the object changed since.</param>
    /// <param name="slots">JSON pointer to each <c>clientConfig</c> with its current caBundle (null when unset).</param>
    /// <param name="bundle">The caBundle wanted.</param>
    /// <returns>The patch, or null when every slot already holds <paramref name="bundle"/>.</returns>
    public static string? Build(string? resourceVersion, IEnumerable<(string ClientConfigPointer, byte[]? Current)> slots, byte[] bundle)
    {
        var operations = new JsonArray();
        if (resourceVersion is not null)
        {
            operations.Add(new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = resourceVersion });
        }

        var changed = 0;
        foreach (var (pointer, current) in slots)
        {
            if (current is not null && current.AsSpan().SequenceEqual(bundle))
            {
                continue;
            }

            // "add" sets a member whether or not it exists (RFC 6902 §4.1).
            operations.Add(new JsonObject { ["op"] = "add", ["path"] = $"{pointer}/caBundle", ["value"] = Convert.ToBase64String(bundle) });
            changed++;
        }

        return changed == 0 ? null : operations.ToJsonString();
    }
}
