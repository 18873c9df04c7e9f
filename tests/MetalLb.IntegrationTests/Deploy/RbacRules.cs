using System.Text.Json.Nodes;

namespace MetalLb.IntegrationTests.Deploy;

/// <summary>The rules of every Role and ClusterRole among some manifests, one line each, for comparing and checking.</summary>
internal static class RbacRules
{
    private static readonly string[] RoleKinds = ["Role", "ClusterRole"];

    /// <summary>
    /// <c>Kind/name: groups | resources | verbs | names</c> per rule, each list sorted; <paramref name="prefix"/> is cut
    /// from role and resource names so renders with another release name compare equal.
    /// </summary>
    public static List<string> Lines(IEnumerable<JsonObject> documents, string prefix = "metallb-svc") =>
        [.. Roles(documents).SelectMany(role => Rules(role).Select(rule =>
            $"{YamlDocuments.Kind(role)}/{Strip(YamlDocuments.Name(role), prefix)}: " +
            $"{Join(rule, "apiGroups", prefix)} | {Join(rule, "resources", prefix)} | {Join(rule, "verbs", prefix)} | {Join(rule, "resourceNames", prefix)}"))
            .Order(StringComparer.Ordinal)];

    /// <summary>Every "*" in a rule's apiGroups, resources, verbs or resourceNames, and every rule with nonResourceURLs.</summary>
    public static List<string> Wildcards(IEnumerable<JsonObject> documents) =>
        [.. Roles(documents).SelectMany(role => Rules(role)
            .Where(rule => rule["nonResourceURLs"] is not null
                || new[] { "apiGroups", "resources", "verbs", "resourceNames" }.Any(f => Values(rule, f).Any(v => v.Contains('*', StringComparison.Ordinal))))
            .Select(rule => $"{YamlDocuments.Kind(role)}/{YamlDocuments.Name(role)}: {rule.ToJsonString()}"))];

    /// <summary>The verbs granted anywhere, for checking none of the privilege-escalation verbs is among them.</summary>
    public static HashSet<string> Verbs(IEnumerable<JsonObject> documents) =>
        [.. Roles(documents).SelectMany(Rules).SelectMany(r => Values(r, "verbs"))];

    private static IEnumerable<JsonObject> Roles(IEnumerable<JsonObject> documents) =>
        documents.Where(d => RoleKinds.Contains(YamlDocuments.Kind(d)));

    private static IEnumerable<JsonObject> Rules(JsonObject role) =>
        role["rules"]?.AsArray().OfType<JsonObject>() ?? [];

    private static IEnumerable<string> Values(JsonObject rule, string field) =>
        rule[field]?.AsArray().Select(v => (string?)v ?? string.Empty) ?? [];

    private static string Join(JsonObject rule, string field, string prefix) =>
        string.Join(",", Values(rule, field).Select(v => Strip(v, prefix)).Order(StringComparer.Ordinal));

    private static string Strip(string value, string prefix) =>
        value.StartsWith(prefix + "-", StringComparison.Ordinal) ? value[prefix.Length..] : value;
}
