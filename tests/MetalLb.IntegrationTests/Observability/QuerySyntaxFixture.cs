using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Observability;

/// <summary>Installs the query grammars once (tests/support/query-syntax.sh install: npm, cached outside the clone).</summary>
public sealed class QuerySyntaxFixture : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        var result = await ProcessRunner.RunAsync(QuerySyntax.Script, ["install"], TimeSpan.FromMinutes(5));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"query-syntax.sh install failed: {result}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
