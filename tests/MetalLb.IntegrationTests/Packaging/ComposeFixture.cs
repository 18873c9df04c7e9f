using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>
/// Docker Compose v2 for the compose-file tests (tests/support/compose.sh install: Debian's package, cached outside
/// the clone). It validates without a Docker engine.
/// </summary>
public sealed class ComposeFixture() : SupportToolFixture("compose.sh")
{
    /// <summary><c>docker compose config -q</c> of <paramref name="file"/>, relative paths resolved from the repository root.</summary>
    public Task<ProcessResult> ConfigAsync(string file) =>
        ProcessRunner.RunAsync(Script, ["run", "--project-directory", RepoPaths.Root, "-f", file, "config", "-q"], TimeSpan.FromMinutes(1));
}
