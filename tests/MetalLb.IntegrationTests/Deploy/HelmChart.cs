using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Deploy;

/// <summary>Runs the helm binary tests/support/helm.sh installs on helm/metallb-svc, with throwaway helm homes.</summary>
internal static class HelmChart
{
    public const string Namespace = "metallb-system";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Directory => RepoPaths.Combine("helm", "metallb-svc");

    public static string CiValues(string name) => RepoPaths.Combine("helm", "metallb-svc", "ci", name);

    public static Task<ProcessResult> RunAsync(params string[] args) =>
        ProcessRunner.RunAsync(RepoPaths.Combine("tests", "support", "helm.sh"), ["run", .. args], Timeout);

    /// <summary><c>helm template</c> of the chart into metallb-system with these extra arguments; throws when it fails.</summary>
    public static async Task<string> TemplateAsync(params string[] args)
    {
        var result = await TemplateResultAsync(args);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"helm template failed: {result}");
        }

        return result.StandardOutput;
    }

    public static Task<ProcessResult> TemplateResultAsync(params string[] args) =>
        RunAsync(["template", "metallb-svc", Directory, "--namespace", Namespace, .. args]);
}
