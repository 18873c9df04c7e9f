using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>
/// The <c>host:port</c> pairs a text names (<c>tempo:4317</c>, <c>http://prometheus:9090</c>, <c>0.0.0.0:8889</c>,
/// <c>amqp://u:p@rabbitmq:5672/</c>), and in a parsed config file also the integer values of keys named <c>*port</c>.
/// </summary>
internal static partial class HostPortReferences
{
    /// <summary>Hosts that mean "this container".</summary>
    public static readonly IReadOnlySet<string> Self = new HashSet<string>(["0.0.0.0", "localhost", "127.0.0.1"], StringComparer.Ordinal);

    public static IEnumerable<(string Host, int Port)> In(string text) =>
        HostPort().Matches(text).Select(m => (m.Groups["host"].Value, int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture)));

    /// <summary>Every reference in a parsed document: in its strings, and <c>(self, n)</c> for each <c>…port: n</c>.</summary>
    public static IEnumerable<(string Host, int Port)> In(JsonNode? node, string? key = null) => node switch
    {
        JsonObject map => map.SelectMany(p => In(p.Value, p.Key)),
        JsonArray list => list.SelectMany(item => In(item, key)),
        JsonValue value when value.TryGetValue<string>(out var text) => In(text),
        JsonValue value when value.TryGetValue<long>(out var number) && key is not null && key.EndsWith("port", StringComparison.Ordinal) =>
            [("0.0.0.0", (int)number)],
        _ => [],
    };

    [GeneratedRegex(@"(?<![\w.:-])(?<host>[A-Za-z][A-Za-z0-9-]*|\d{1,3}(?:\.\d{1,3}){3}):(?<port>\d{2,5})(?!\d)")]
    private static partial Regex HostPort();
}
