using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Deploy;

/// <summary>Installs helm once for the chart tests (tests/support/helm.sh install: npm, cached outside the clone).</summary>
public sealed class HelmFixture : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        var result = await ProcessRunner.RunAsync(
            RepoPaths.Combine("tests", "support", "helm.sh"), ["install"], TimeSpan.FromMinutes(5));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"helm.sh install failed: {result}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
