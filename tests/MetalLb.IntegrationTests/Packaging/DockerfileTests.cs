using System.Globalization;
using System.Text.Json.Nodes;
using MetalLb.IntegrationTests.Deploy;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>
/// Each service's Dockerfile, read as BuildKit reads it (there is no Docker engine here): its stages, the user and ports
/// of the image it builds against what deploy/ expects, and that everything it COPYs is in the build context.
/// </summary>
public sealed class DockerfileTests
{
    private const string SdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";
    private const string AspNetImage = "mcr.microsoft.com/dotnet/aspnet:10.0";
    private const string Chiseled = "-chiseled";

    public static TheoryData<string> Projects => [.. ServiceImage.All.Select(s => s.Project)];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Dockerfile_BuildsOnTheSdk_AndRunsTheServiceDllOnAspNet(string project)
    {
        var image = ServiceImage.Of(project);
        var dockerfile = image.Load();
        var runtime = dockerfile.Target();

        var build = Assert.Single(dockerfile.Stages, s => s.BaseImage.StartsWith(SdkImage, StringComparison.Ordinal));
        Assert.Contains(build.All("RUN"), r => r.Arguments.Contains($"dotnet publish services/{project}/{project}.csproj -c Release", StringComparison.Ordinal));
        Assert.StartsWith(AspNetImage, dockerfile.BaseImageOf(runtime), StringComparison.Ordinal);
        Assert.Equal(["dotnet", AssemblyName(project) + ".dll"], dockerfile.Effective(runtime, "ENTRYPOINT")?.ExecForm);
        Assert.Equal(build.Name, Assert.Single(dockerfile.Inherited(runtime, "COPY"), c => c.Flags.ContainsKey("from")).Flags["from"]);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void RuntimeStage_RunsAsItsNumericUser_NonRootWherePromised(string project)
    {
        var image = ServiceImage.Of(project);
        var dockerfile = image.Load();

        var user = dockerfile.Effective(dockerfile.Target(), "USER")?.Arguments;

        Assert.Equal($"{image.User}:{image.User}", user);
        if (image.User != 0)
        {
            Assert.EndsWith(Chiseled, dockerfile.BaseImageOf(dockerfile.Target()), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void RuntimeStage_ExposesThePortDeployUses_AndCarriesOpenContainersLabels(string project)
    {
        var image = ServiceImage.Of(project);
        var dockerfile = image.Load();
        var runtime = dockerfile.Target();

        var exposed = dockerfile.Inherited(runtime, "EXPOSE").SelectMany(e => e.Words).Select(int.Parse).ToList();
        var labels = dockerfile.Labels(runtime);

        Assert.Equal(image.Ports, exposed);
        Assert.Equal(ProjectVersion(), labels["org.opencontainers.image.version"]);
        Assert.All(
            new[] { "title", "description", "source" },
            key => Assert.False(string.IsNullOrWhiteSpace(labels.GetValueOrDefault($"org.opencontainers.image.{key}")), key));
    }

    // The image alone (as docker-compose.yml runs the webhook) listens where deploy/ says, the webhook's /metrics plain.
    [Theory]
    [MemberData(nameof(Projects))]
    public void RuntimeStage_ListensOnThePortsItExposes(string project)
    {
        var image = ServiceImage.Of(project);
        var dockerfile = image.Load();

        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in dockerfile.Chain(dockerfile.Target()).Reverse().SelectMany(s => s.All("ENV")).SelectMany(e => e.Pairs))
        {
            env[key] = value;
        }

        var urls = env.GetValueOrDefault("ASPNETCORE_URLS") is { Length: > 0 } u ? u.Split(';') : [];
        Assert.Equal(image.Ports, urls.Select(url => int.Parse(url[(url.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture)));
        if (image.MetricsPort is { } metrics)
        {
            Assert.Contains($"http://+:{metrics}", urls);
        }

        Assert.Equal(image.MetricsPort?.ToString(CultureInfo.InvariantCulture), env.GetValueOrDefault("Webhook__MetricsPort"));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EveryPathCopiedFromTheContext_IsInTheContext(string project)
    {
        var dockerfile = ServiceImage.Of(project).Load();
        var ignore = DockerIgnore.Load(RepoPaths.Combine(".dockerignore"));

        var copies = dockerfile.Stages.SelectMany(s => s.All("COPY")).Where(c => !c.Flags.ContainsKey("from")).ToList();
        var files = copies.SelectMany(c => c.Words.Take(c.Words.Count - 1)).SelectMany(s => BuildContext.ContextFiles(RepoPaths.Root, s, ignore)).ToList();

        Assert.NotEmpty(copies);
        Assert.Contains($"services/{project}/{project}.csproj", files);
        Assert.DoesNotContain(files, f => f.Contains("/bin/", StringComparison.Ordinal) || f.Contains("/obj/", StringComparison.Ordinal));
    }

    [Fact]
    public void DockerIgnore_LeavesOutBuildOutput_AndKeepsWhatTheBuildsNeed()
    {
        var ignore = DockerIgnore.Load(RepoPaths.Combine(".dockerignore"));

        Assert.True(ignore.Excludes("services/MetalLb.Webhook/obj/project.assets.json"));
        Assert.True(ignore.Excludes("libs/MetalLb.Domain/bin/Release/net10.0/MetalLb.Domain.dll"));
        Assert.True(ignore.Excludes("tests/MetalLb.Domain.Tests/MetalLb.Domain.Tests.csproj"));
        Assert.False(ignore.Excludes("libs/MetalLb.Domain/MetalLb.Domain.csproj"));
        Assert.False(ignore.Excludes("Directory.Build.props"));
        Assert.False(ignore.Excludes(".editorconfig"));
    }

    [Fact]
    public void AnnouncerFrrTarget_AddsVtyshAndFrrReload_ToTheDefaultImage()
    {
        var dockerfile = ServiceImage.Of("MetalLb.Announcer").Load();

        var frr = dockerfile.Target("frr");
        var installs = string.Join(' ', frr.All("RUN").Select(r => r.Arguments));

        Assert.Equal(dockerfile.Chain(dockerfile.Target())[1], dockerfile.Chain(frr)[1]);
        Assert.Contains("frr frr-pythontools", installs, StringComparison.Ordinal);
        Assert.DoesNotContain(dockerfile.Target().All("RUN"), r => r.Arguments.Contains("frr", StringComparison.Ordinal));
        Assert.Equal("metallb-svc announcer (FRR mode)", dockerfile.Labels(frr)["org.opencontainers.image.title"]);
    }

    [Theory]
    [InlineData("MetalLb.Webhook")]
    [InlineData("MetalLb.Allocator")]
    [InlineData("MetalLb.Announcer")]
    public void DeployBase_RunsTheImage_AsTheImageUser_OnItsPort(string project)
    {
        var image = ServiceImage.Of(project);
        var workload = YamlDocuments.LoadTree(RepoPaths.Combine("deploy", "base"))
            .Single(d => YamlDocuments.Kind(d) is "Deployment" or "DaemonSet" && (string?)d["metadata"]!["labels"]!["app.kubernetes.io/component"] == image.Component);

        var pod = workload["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]!.AsArray().Single()!;

        Assert.Equal($"{image.Repository}:{ProjectVersion()}", (string?)container["image"]);
        Assert.Equal(image.User, RunAsUser(pod, container));
        Assert.Equal(image.Ports, container["ports"]!.AsArray().Select(p => (int)(long)p!["containerPort"]!));
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chart_RunsTheImages_AsTheImageUsers(bool frr)
    {
        var rendered = YamlDocuments.Parse(await HelmChart.TemplateAsync("--set", $"speaker.frr.enabled={frr.ToString().ToLowerInvariant()}"));

        var containers = rendered.Where(d => YamlDocuments.Kind(d) is "Deployment" or "DaemonSet")
            .Select(d => d["spec"]!["template"]!["spec"]!)
            .SelectMany(pod => pod["containers"]!.AsArray().Select(c => (Image: (string)c!["image"]!, User: RunAsUser(pod, c!))))
            .ToList();

        foreach (var image in ServiceImage.All.Where(i => i.Component is not null))
        {
            var repository = frr && image.Project == "MetalLb.Announcer" ? image.Repository + "-frr" : image.Repository;
            Assert.Contains(($"{repository}:{ProjectVersion()}", (long?)image.User), containers);
        }
    }

    private static long? RunAsUser(JsonNode pod, JsonNode container) =>
        (long?)container["securityContext"]?["runAsUser"] ?? (long?)pod["securityContext"]?["runAsUser"];

    private static string AssemblyName(string project)
    {
        var csproj = File.ReadAllText(RepoPaths.Combine("services", project, $"{project}.csproj"));
        var start = csproj.IndexOf("<AssemblyName>", StringComparison.Ordinal);
        return start < 0 ? project : csproj[(start + "<AssemblyName>".Length)..csproj.IndexOf("</AssemblyName>", StringComparison.Ordinal)];
    }

    private static string ProjectVersion()
    {
        var props = File.ReadAllText(RepoPaths.Combine("Directory.Build.props"));
        var start = props.IndexOf("<Version>", StringComparison.Ordinal) + "<Version>".Length;
        return props[start..props.IndexOf("</Version>", StringComparison.Ordinal)];
    }
}
