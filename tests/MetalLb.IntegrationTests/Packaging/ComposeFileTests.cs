using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>
/// docker-compose.yml checked without a Docker engine: loaded and validated by Docker Compose v2 itself (<c>docker
/// compose config</c>: the Compose Specification's schema and compose-go's semantic checks, no daemon needed), and for
/// what Compose does not check before it runs — files it mounts, images it builds or pins, start-up order.
/// </summary>
public sealed class ComposeFileTests : IClassFixture<ComposeFixture>
{
    private static readonly ComposeFile Compose = ComposeFile.Load();

    private readonly ComposeFixture _compose;

    public ComposeFileTests(ComposeFixture compose)
    {
        _compose = compose;
    }

    [RootFact]
    public async Task ComposeFile_IsValid_ForDockerCompose()
    {
        var result = await _compose.ConfigAsync(ComposeFile.Path);

        Assert.True(result.Succeeded, result.ToString());
    }

    [RootFact]
    public async Task DockerCompose_RejectsABrokenCopy_NamingTheField()
    {
        var broken = Compose.Document.DeepClone().AsObject();
        broken["services"]!["lab"]!["depends_on"]!["rabbitmq"]!["condition"] = "service_ready";
        var file = System.IO.Path.Combine(Directory.CreateTempSubdirectory("metallb-compose-").FullName, "docker-compose.json");
        try
        {
            await File.WriteAllTextAsync(file, broken.ToJsonString());

            var result = await _compose.ConfigAsync(file);

            Assert.False(result.Succeeded);
            Assert.Contains("services.lab.depends_on.rabbitmq.condition", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void EveryBindMount_IsAFileOrDirectoryOfTheRepository()
    {
        var mounts = Compose.Services.SelectMany(s => ComposeFile.BindMounts(s.Value).Select(m => (Service: s.Key, m.Source))).ToList();

        Assert.NotEmpty(mounts);
        Assert.All(mounts, m => Assert.True(
            File.Exists(RepoPaths.Combine(m.Source)) || Directory.Exists(RepoPaths.Combine(m.Source)), $"{m.Service}: {m.Source} does not exist"));
        Assert.All(mounts, m => Assert.False(Path.IsPathRooted(m.Source), $"{m.Service}: {m.Source} is outside the repository"));
    }

    [Fact]
    public void EveryImage_IsPinnedToAVersion()
    {
        var images = Compose.Services.Select(s => (Service: s.Key, Image: (string?)s.Value["image"] ?? string.Empty)).ToList();

        Assert.All(images, i => Assert.Matches(@"^[a-z0-9./_-]+:v?\d+(\.\d+)+[\w.-]*$", i.Image));
    }

    [Fact]
    public void BuiltServices_UseTheServicesDockerfiles_AndTheImageNamesDeployUses()
    {
        var built = Compose.Services.Where(s => s.Value["build"] is not null).ToList();

        Assert.Equal(["lab", "webhook"], built.Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var (name, service) in built)
        {
            var dockerfile = (string)service["build"]!["dockerfile"]!;
            var image = ServiceImage.All.Single(i => $"services/{i.Project}/Dockerfile" == dockerfile);
            Assert.Equal(".", (string?)service["build"]!["context"]);
            Assert.StartsWith(image.Repository + ":", (string?)service["image"], StringComparison.Ordinal);
            Assert.Subset(
                Dockerfile.Load(image.DockerfilePath) is var d ? d.Inherited(d.Target(), "EXPOSE").SelectMany(e => e.Words).Select(int.Parse).ToHashSet() : [],
                ComposeFile.Ports(service).ToHashSet());
            Assert.True(File.Exists(RepoPaths.Combine(dockerfile)), $"{name}: {dockerfile}");
        }
    }

    [Fact]
    public void DependsOn_NamesServices_AndWaitsForHealthOnlyWhereThereIsAHealthCheck()
    {
        var services = Compose.Services;
        var dependencies = services.SelectMany(s => (s.Value["depends_on"]?.AsObject() ?? [])
            .Select(d => (Service: s.Key, On: d.Key, Condition: (string)d.Value!["condition"]!))).ToList();

        Assert.Contains(("lab", "rabbitmq", "service_healthy"), dependencies);
        Assert.All(dependencies, d => Assert.True(services.ContainsKey(d.On), $"{d.Service} depends on unknown {d.On}"));
        Assert.All(dependencies.Where(d => d.Condition == "service_healthy"), d => Assert.NotNull(services[d.On]["healthcheck"]));
    }

    [Fact]
    public void Lab_RunsTheSuiteOnTheExamples_OverTheComposeBroker_ExportingToTheCollector()
    {
        var lab = Compose.Services["lab"];
        var command = ComposeFile.Command(lab);

        Assert.Equal(["lab", "-f", "/examples"], command.Take(3));
        Assert.Contains("--watch", command);
        Assert.Equal("3", command[command.IndexOf("--nodes") + 1]);
        Assert.StartsWith("amqp://", command[command.IndexOf("--broker") + 1], StringComparison.Ordinal);
        Assert.Equal("examples", ComposeFile.BindMounts(lab).Single(m => m.Target == "/examples").Source);
        Assert.Equal(
            Compose.Services["rabbitmq"]["environment"]!["RABBITMQ_DEFAULT_USER"] + ":" + Compose.Services["rabbitmq"]["environment"]!["RABBITMQ_DEFAULT_PASS"],
            new Uri(command[command.IndexOf("--broker") + 1]).UserInfo);
        Assert.Equal(["--manifests", "/examples"], ComposeFile.Command(Compose.Services["webhook"]));
        Assert.Equal("examples", ComposeFile.BindMounts(Compose.Services["webhook"]).Single(m => m.Target == "/examples").Source);
    }

    [Fact]
    public void ConfigFlags_NameMountedFiles()
    {
        var flags = Compose.Services.SelectMany(s => ComposeFile.Command(s.Value)
            .Where(a => a.StartsWith("--config", StringComparison.Ordinal) || a.StartsWith("-config", StringComparison.Ordinal))
            .Select(a => (Service: s.Key, Path: a.Split('=', 2)[1]))).ToList();

        Assert.Equal(["otel-collector", "prometheus", "tempo"], flags.Select(f => f.Service).Order(StringComparer.Ordinal));
        Assert.All(flags, f => Assert.True(ComposeFile.IsMounted(Compose.Services[f.Service], f.Path), $"{f.Service}: {f.Path} is not mounted"));
    }
}
