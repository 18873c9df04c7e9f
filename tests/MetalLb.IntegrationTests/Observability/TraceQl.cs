using System.Text.RegularExpressions;

namespace MetalLb.IntegrationTests.Observability;

/// <summary>The attributes a TraceQL query reads (<c>span.x.y</c>, <c>resource.x</c>, unscoped <c>.x</c>) and the string values it compares them with.</summary>
internal static partial class TraceQl
{
    /// <summary>Each attribute reference as (scope, name); the scope is empty for an unscoped <c>.name</c>.</summary>
    public static IReadOnlyList<(string Scope, string Name)> Attributes(string query) =>
        [.. Attribute().Matches(StringLiteral().Replace(query, "\"\""))
            .Select(m => (m.Groups["scope"].Value, m.Groups["name"].Value))];

    /// <summary>The string literals an attribute is compared with by <c>=</c> or <c>!=</c>.</summary>
    public static IReadOnlyList<string> ComparedValues(string query, string scope, string name) =>
        [.. Comparison().Matches(query)
            .Where(m => m.Groups["scope"].Value == scope && m.Groups["name"].Value == name)
            .Select(m => m.Groups["value"].Value)];

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w.])(?<scope>span|resource|event|link|instrumentation)?\.(?<name>[A-Za-z_][\w.]*)")]
    private static partial Regex Attribute();

    [GeneratedRegex("(?<![\\w.])(?<scope>span|resource)\\.(?<name>[A-Za-z_][\\w.]*)\\s*!?=\\s*\"(?<value>[^\"]*)\"")]
    private static partial Regex Comparison();
}
