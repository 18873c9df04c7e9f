using System.Diagnostics;

namespace MetalLb.Benchmarks.Webhook;

/// <summary>Finds the webhook's Release build output in this clone, building it first when it is missing.</summary>
internal static class WebhookBuild
{
    private const string Project = "services/MetalLb.Webhook/MetalLb.Webhook.csproj";

    public static async Task<string> AssemblyAsync(CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var project = Path.Combine(root, Project);
        var assembly = Path.Combine(Path.GetDirectoryName(project)!, "bin", "Release", "net10.0", "MetalLb.Webhook.dll");
        if (File.Exists(assembly))
        {
            return assembly;
        }

        await Console.Error.WriteLineAsync($"webhook-load: {assembly} is missing; building {Project} (Release)");
        using var build = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", project, "-c", "Release", "-nologo", "-v", "q" },
            WorkingDirectory = root,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start dotnet build");
        await build.WaitForExitAsync(cancellationToken);
        return build.ExitCode == 0 && File.Exists(assembly)
            ? assembly
            : throw new InvalidOperationException($"building {Project} failed (exit code {build.ExitCode})");
    }

    /// <summary>The first directory above this program (or the current directory) that holds the webhook project.</summary>
    private static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Project)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"cannot find {Project} above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
    }
}
