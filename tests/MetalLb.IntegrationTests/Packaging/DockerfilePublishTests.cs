using System.Text.Json.Nodes;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>
/// Runs each Dockerfile's build stage here, without Docker: the files its COPY instructions take from the context laid
/// out in a temporary directory, then its own RUN lines (the <c>dotnet publish</c>, as written in the Dockerfile) in
/// its WORKDIR, and checks that what the runtime stage copies holds the ENTRYPOINT's dll and asks only for frameworks
/// the runtime image has. They run one after another and alone (<see cref="DockerBuilds"/>).
/// </summary>
[Collection(DockerBuilds.Name)]
public sealed class DockerfilePublishTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);

    private static readonly Dictionary<string, string> BuildEnvironment = new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        // No MSBuild node or build server outlives the build holding our output pipes open.
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
    };

    [Theory]
    [InlineData("MetalLb.Webhook")]
    [InlineData("MetalLb.Allocator")]
    [InlineData("MetalLb.Announcer")]
    [InlineData("MetalLb.Cli")]
    public async Task BuildStage_RunHere_ProducesTheEntrypointDll_ForTheRuntimeImage(string project)
    {
        var dockerfile = ServiceImage.Of(project).Load();
        var runtime = dockerfile.Target();
        var copy = Assert.Single(dockerfile.Inherited(runtime, "COPY"), c => c.Flags.ContainsKey("from"));
        var build = dockerfile.Stages.Single(s => s.Name == copy.Flags["from"]);
        var dll = dockerfile.Effective(runtime, "ENTRYPOINT")!.ExecForm![1];
        using var context = BuildContext.Stage(build, RepoPaths.Root, DockerIgnore.Load(RepoPaths.Combine(".dockerignore")));

        foreach (var run in build.All("RUN"))
        {
            Assert.StartsWith("dotnet ", run.Arguments, StringComparison.Ordinal);
            var result = await ProcessRunner.RunAsync(
                "/bin/sh", ["-c", $"cd '{context.HostPath(build.WorkDir ?? "/")}' && {run.Arguments}"], BuildTimeout, BuildEnvironment);
            Assert.True(result.Succeeded, $"{dockerfile.Path} {run}: {result}");
        }

        var output = context.HostPath(BuildContext.ContainerPath(build.WorkDir ?? "/", copy.Words[0]));
        Assert.True(File.Exists(Path.Combine(output, dll)), $"{dll} not in {output}");
        var options = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, Path.ChangeExtension(dll, ".runtimeconfig.json"))))!["runtimeOptions"]!;
        var frameworks = options["frameworks"] is JsonArray list ? list.Select(f => (string)f!["name"]!) : [(string)options["framework"]!["name"]!];
        Assert.Subset(new HashSet<string>(["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"]), frameworks.ToHashSet());
    }
}
