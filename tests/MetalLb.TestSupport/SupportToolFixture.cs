using Xunit;

namespace MetalLb.TestSupport;

/// <summary>
/// Installs one of the tools under tests/support once for a test class (<c>SCRIPT install</c>: fetched from a package
/// registry and cached outside the clone). Installing needs root; without it nothing is installed and the class's
/// <see cref="RootFactAttribute"/> tests report themselves skipped.
/// </summary>
public abstract class SupportToolFixture(string scriptName) : IAsyncLifetime
{
    /// <summary>The tool's script, tests/support/<c>scriptName</c>.</summary>
    public string Script { get; } = RepoPaths.Combine("tests", "support", scriptName);

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        var result = await ProcessRunner.RunAsync(Script, ["install"], TimeSpan.FromMinutes(5));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{Path.GetFileName(Script)} install failed: {result}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
