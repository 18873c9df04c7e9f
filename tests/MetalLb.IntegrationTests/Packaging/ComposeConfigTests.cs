using System.Text.Json.Nodes;
using MetalLb.IntegrationTests.Deploy;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>
/// The config files under deploy/compose: each parses as YAML, and every host and port it names — and every one the
/// services' commands and environments name — is a compose service listening on that port (or the container itself).
/// </summary>
public sealed class ComposeConfigTests
{
    private const string ConfigDirectory = "deploy/compose";

    private static readonly ComposeFile Compose = ComposeFile.Load();

    [Fact]
    public void EveryConfigFile_ParsesAsYaml_AndIsMountedByAService()
    {
        var files = Directory.EnumerateFiles(RepoPaths.Combine(ConfigDirectory), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        var mounted = Compose.Services.Values.SelectMany(s => ComposeFile.MountedFiles(s, ConfigDirectory)).ToHashSet();

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Single(YamlDocuments.Parse(File.ReadAllText(RepoPaths.Combine(f)))));
        Assert.Equal(files, mounted.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryHostAndPortNamed_IsAComposeServiceListeningOnIt()
    {
        var services = Compose.Services;
        var references = services.SelectMany(s =>
            ComposeFile.MountedFiles(s.Value, ConfigDirectory)
                .SelectMany(f => HostPortReferences.In(Document(f)).Select(r => (Owner: s.Key, Where: f, r.Host, r.Port)))
                .Concat(ComposeFile.RuntimeStrings(s.Value).SelectMany(HostPortReferences.In).Select(r => (Owner: s.Key, Where: "docker-compose.yml", r.Host, r.Port))))
            .ToList();

        var wrong = references.Where(r =>
        {
            var target = HostPortReferences.Self.Contains(r.Host) ? r.Owner : r.Host;
            return !services.TryGetValue(target, out var service) || !ComposeFile.Ports(service).Contains(r.Port);
        });

        Assert.True(references.Count > 10, $"only {references.Count} references found");
        Assert.Empty(wrong.Select(r => $"{r.Where} ({r.Owner}): {r.Host}:{r.Port}"));
    }

    [Fact]
    public void Collector_ReceivesOtlpWhereTheServicesSend_ExportsTracesToTempo_AndMetricsWherePrometheusScrapes()
    {
        var collector = Config("otel-collector.yaml");
        var prometheus = Config("prometheus.yaml");
        var tempo = Config("tempo.yaml");

        var grpc = Port((string)collector["receivers"]!["otlp"]!["protocols"]!["grpc"]!["endpoint"]!);
        Assert.All(
            new[] { "lab", "webhook" },
            s => Assert.Equal($"http://otel-collector:{grpc}", (string?)Compose.Services[s]["environment"]!["OTEL_EXPORTER_OTLP_ENDPOINT"]));
        var traces = collector["service"]!["pipelines"]!["traces"]!;
        var exporter = collector["exporters"]![(string)traces["exporters"]![0]!]!;
        Assert.Equal(
            $"tempo:{Port((string)tempo["distributor"]!["receivers"]!["otlp"]!["protocols"]!["grpc"]!["endpoint"]!)}",
            (string?)exporter["endpoint"]);
        var metrics = collector["service"]!["pipelines"]!["metrics"]!;
        Assert.Equal("prometheus", (string?)metrics["exporters"]![0]);
        Assert.Contains(
            $"otel-collector:{Port((string)collector["exporters"]!["prometheus"]!["endpoint"]!)}",
            Targets(prometheus));
        Assert.Contains($"webhook:{ServiceImage.Of("MetalLb.Webhook").MetricsPort}", Targets(prometheus));
        Assert.DoesNotContain(prometheus["scrape_configs"]!.AsArray(), c => (string?)c!["scheme"] == "https");
        Assert.All(
            new[] { "traces", "metrics" },
            p => Assert.All(
                collector["service"]!["pipelines"]![p]!.AsObject().SelectMany(stage => stage.Value!.AsArray().Select(c => (Kind: stage.Key, Name: (string)c!))),
                c => Assert.NotNull(collector[c.Kind]![c.Name])));
    }

    [Fact]
    public void Grafana_ProvisionsPrometheusAndTempoUnderFixedUids_AndTheChartsDashboards()
    {
        var grafana = Compose.Services["grafana"];
        var sources = Config("grafana/provisioning/datasources/datasources.yaml")["datasources"]!.AsArray();
        var provider = Assert.Single(Config("grafana/provisioning/dashboards/dashboards.yaml")["providers"]!.AsArray())!;

        Assert.Equal(
            [("prometheus", "prometheus"), ("tempo", "tempo")],
            sources.Select(s => ((string)s!["uid"]!, (string)s["type"]!)).Order());
        var tempo = sources.Single(s => (string?)s!["uid"] == "tempo")!;
        Assert.Equal("prometheus", (string?)tempo["jsonData"]!["serviceMap"]!["datasourceUid"]);
        Assert.Equal("prometheus", (string?)tempo["jsonData"]!["tracesToMetrics"]!["datasourceUid"]);
        Assert.Equal(
            ComposeFile.ContainerPathOf(grafana, "helm/metallb-svc/dashboards"),
            (string?)provider["options"]!["path"]);
        Assert.Equal("/etc/grafana/provisioning/datasources/datasources.yaml", ComposeFile.ContainerPathOf(grafana, "deploy/compose/grafana/provisioning/datasources/datasources.yaml"));
        Assert.Equal("true", (string?)grafana["environment"]!["GF_AUTH_ANONYMOUS_ENABLED"]);
        Assert.Equal("Viewer", (string?)grafana["environment"]!["GF_AUTH_ANONYMOUS_ORG_ROLE"]);
    }

    private static JsonObject Config(string name) => Document($"{ConfigDirectory}/{name}").AsObject();

    private static JsonNode Document(string repositoryFile) => Assert.Single(YamlDocuments.Parse(File.ReadAllText(RepoPaths.Combine(repositoryFile))));

    private static int Port(string endpoint) => HostPortReferences.In(endpoint).Single().Port;

    private static List<string> Targets(JsonObject prometheus) =>
        [.. prometheus["scrape_configs"]!.AsArray().SelectMany(c => c!["static_configs"]!.AsArray().SelectMany(s => s!["targets"]!.AsArray().Select(t => (string)t!)))];
}
