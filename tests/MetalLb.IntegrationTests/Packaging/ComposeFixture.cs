using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>
/// Docker Compose v2 for the compose-file tests (tests/support/compose.sh install: Debian's package, cached outside
/// the clone). It validates without a Docker engine.
/// </summary>
public sealed class ComposeFixture : IAsyncLifetime
{
    private static readonly string Script = RepoPaths.Combine("tests", "support", "compose.sh");

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        var result = await ProcessRunner.RunAsync(Script, ["install"], TimeSpan.FromMinutes(5));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"compose.sh install failed: {result}");
        }
    }

    /// <summary><c>docker compose config -q</c> of <paramref name="file"/>, relative paths resolved from the repository root.</summary>
    public Task<ProcessResult> ConfigAsync(string file) =>
        ProcessRunner.RunAsync(Script, ["run", "--project-directory", RepoPaths.Root, "-f", file, "config", "-q"], TimeSpan.FromMinutes(1));

    public Task DisposeAsync() => Task.CompletedTask;
}
