using System.Text.RegularExpressions;

namespace MetalLb.IntegrationTests.Observability;

/// <summary>
/// Reads the metric and label names out of a PromQL expression, without a full parser: strings, label matchers, ranges
/// and grouping clauses are taken out first, then every identifier left that is not a function (followed by
/// <c>(</c>) or a keyword is a series name.
/// </summary>
internal static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
        "atan2", "inf", "nan", "Inf", "NaN",
    };

    public static PromQlReferences Parse(string expression)
    {
        var text = StringLiteral().Replace(expression, "\"\"");

        var matchers = new List<(string, string)>();
        text = Selector().Replace(text, m =>
        {
            var series = m.Groups["series"].Value;
            if (series.Length == 0)
            {
                throw new FormatException($"a selector without a metric name in '{expression}'");
            }

            matchers.AddRange(MatcherLabel().Matches(m.Groups["matchers"].Value).Select(l => (series, l.Groups[1].Value)));
            return series;
        });
        text = Range().Replace(text, " ");

        var grouping = new List<string>();
        text = Grouping().Replace(text, m =>
        {
            grouping.AddRange(m.Groups["labels"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return " ";
        });

        var series = Identifier().Matches(text)
            .Where(m => !IsCall(text, m.Index + m.Length) && !Keywords.Contains(m.Value))
            .Select(m => m.Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new PromQlReferences(series, matchers, grouping);
    }

    private static bool IsCall(string text, int end)
    {
        var rest = text.AsSpan(end).TrimStart();
        return rest.Length > 0 && rest[0] == '(';
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<series>[A-Za-z_:][A-Za-z0-9_:]*)?\s*\{(?<matchers>[^}]*)\}")]
    private static partial Regex Selector();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)")]
    private static partial Regex MatcherLabel();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\((?<labels>[^)]*)\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w$.:])[A-Za-z_:][A-Za-z0-9_:]*")]
    private static partial Regex Identifier();
}
