using System.Text.Json.Nodes;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Observability;

/// <summary>
/// Parses PromQL and TraceQL with the grammars of Prometheus's and Grafana's query editors, through
/// tests/support/query-syntax.sh.
/// </summary>
internal static class QuerySyntax
{
    public const string PromQl = "promql";
    public const string TraceQl = "traceql";

    public static string Script => RepoPaths.Combine("tests", "support", "query-syntax.sh");

    /// <summary>Checks every (language, query); the result fails, listing the culprits, when one does not parse.</summary>
    public static async Task<ProcessResult> CheckAsync(IEnumerable<(string Language, string Query)> queries)
    {
        var directory = Directory.CreateTempSubdirectory("metallb-query-syntax-").FullName;
        try
        {
            var file = Path.Combine(directory, "queries.jsonl");
            await File.WriteAllLinesAsync(file, queries.Select(q => new JsonObject { ["language"] = q.Language, ["query"] = q.Query }.ToJsonString()));
            return await ProcessRunner.RunAsync(Script, ["check", file], TimeSpan.FromMinutes(1));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
