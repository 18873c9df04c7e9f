using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Deploy;

/// <summary>Runs the real <c>metallb-svc</c> CLI (its build is copied next to this test assembly).</summary>
internal static class MetalLbCli
{
    public static Task<ProcessResult> ValidateAsync(string file, string bgpMode) =>
        ProcessRunner.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "metallb-svc.dll"), "validate", "-f", file, "--bgp-mode", bgpMode],
            TimeSpan.FromMinutes(2));
}
