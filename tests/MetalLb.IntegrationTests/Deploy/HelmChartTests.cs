using System.Text.Json.Nodes;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Deploy;

/// <summary>
/// helm/metallb-svc through a real helm (v4, tests/support/helm.sh): lint, and what <c>helm template</c> renders from the
/// Palette packs' example values, checked with the real <c>metallb-svc validate</c>.
/// </summary>
public sealed class HelmChartTests : IClassFixture<HelmFixture>
{
    private const string HelmPackValues = "palette-helm-pack-values.yaml";
    private const string ManifestPackValues = "palette-manifest-pack-values.yaml";
    private const string ChartConfigurationLabel = "metallb-svc.io/chart-configuration";

    [RootTheory]
    [InlineData(null)]
    [InlineData(HelmPackValues)]
    [InlineData(ManifestPackValues)]
    public async Task Lint_Passes(string? values)
    {
        string[] args = values is null ? [] : ["--values", HelmChart.CiValues(values)];

        var result = await HelmChart.RunAsync(["lint", HelmChart.Directory, "--strict", "--namespace", HelmChart.Namespace, .. args]);

        Assert.True(result.Succeeded, result.ToString());
    }

    [RootTheory]
    [InlineData(HelmPackValues, "palette-helm-pack.yaml", "frr")]
    [InlineData(ManifestPackValues, "palette-manifest-pack.yaml", "native")]
    public async Task Template_PalettePackValues_RenderTheExampleObjects_WhichTheCliValidates(string values, string example, string bgpMode)
    {
        var rendered = await HelmChart.TemplateAsync("--values", HelmChart.CiValues(values));
        var file = Path.Combine(Directory.CreateTempSubdirectory("metallb-helm-").FullName, "rendered.yaml");
        await File.WriteAllTextAsync(file, rendered);

        var objects = YamlDocuments.MetalLbObjects(YamlDocuments.Parse(rendered));
        var validation = await MetalLbCli.ValidateAsync(file, bgpMode);

        var expected = YamlDocuments.Parse(await File.ReadAllTextAsync(RepoPaths.Combine("examples", example)));
        Assert.Equal(expected.Select(Essence), objects.Select(Essence));
        Assert.True(validation.Succeeded, validation.ToString());
        Assert.Contains("0 errors", validation.StandardOutput, StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [RootFact]
    public async Task Template_PackBaseChartSection_SwitchesFrrModeEverywhere()
    {
        var frr = YamlDocuments.Parse(await HelmChart.TemplateAsync("--values", HelmChart.CiValues(HelmPackValues)));
        var native = YamlDocuments.Parse(await HelmChart.TemplateAsync());

        Assert.Equal(["announcer", "frr"], Containers(frr));
        Assert.Equal(["announcer"], Containers(native));
        Assert.All(new[] { "Webhook__BgpMode", "Allocator__BgpMode", "Announcer__BgpMode" }, key =>
        {
            Assert.Equal("frr", (string?)Settings(frr)[key]);
            Assert.Equal("native", (string?)Settings(native)[key]);
        });
        Assert.Contains(
            Announcer(frr)["containers"]![0]!["env"]!.AsArray(),
            e => (string?)e!["name"] == "Frr__VtySocketDirectory" && (string?)e["value"] == "/var/run/frr");
    }

    [RootFact]
    public async Task Template_Rbac_HasNoWildcards_AndIsTheDeployRbac()
    {
        var chart = YamlDocuments.Parse(await HelmChart.TemplateAsync());
        var deploy = YamlDocuments.LoadTree(RepoPaths.Combine("deploy", "base"));

        Assert.Empty(RbacRules.Wildcards(chart));
        Assert.Equal(RbacRules.Lines(deploy), RbacRules.Lines(chart));
    }

    // deploy/ is for any Kubernetes version, so it is what the chart renders for one without matchConditions.
    [RootFact]
    public async Task Template_WebhookConfigurations_AreTheDeployOnes_WithTheFailurePolicyValue()
    {
        var fail = YamlDocuments.Parse(await HelmChart.TemplateAsync("--kube-version", "1.27.9"));
        var ignore = YamlDocuments.Parse(await HelmChart.TemplateAsync("--set", "crds.validationFailurePolicy=Ignore"));
        var deploy = YamlDocuments.LoadTree(RepoPaths.Combine("deploy", "base"));

        Assert.Equal(Webhooks(deploy), Webhooks(fail));
        Assert.All(MetalLbWebhooks(ignore), w => Assert.Equal("Ignore", (string?)w["failurePolicy"]));
        Assert.Equal(7, MetalLbWebhooks(ignore).Count);
    }

    // From 1.28 the API server can leave every other Service write alone; before, it would refuse the unknown field.
    [RootTheory]
    [InlineData("1.27.9", false)]
    [InlineData("1.28.0", true)]
    [InlineData("1.35.0", true)]
    public async Task Template_ServiceWebhooks_AskOnlyForLoadBalancerServices_WhereTheApiServerCan(string kubeVersion, bool conditioned)
    {
        var rendered = YamlDocuments.Parse(await HelmChart.TemplateAsync("--kube-version", kubeVersion));

        var webhooks = rendered.Where(d => YamlDocuments.Kind(d) is "ValidatingWebhookConfiguration" or "MutatingWebhookConfiguration")
            .SelectMany(d => d["webhooks"]!.AsArray().OfType<JsonObject>())
            .ToList();
        var services = webhooks.Where(w => (string?)w["rules"]![0]!["resources"]![0] == "services").ToList();
        Assert.Equal(["servicemutationwebhook.metallb-svc.io", "servicevalidationwebhook.metallb-svc.io"], services.Select(w => (string?)w["name"]).Order());
        Assert.All(services, w => Assert.Equal(
            conditioned ? [("load-balancer-services", "object.spec.type == 'LoadBalancer'")] : null,
            w["matchConditions"]?.AsArray().Select(c => ((string?)c!["name"], (string?)c["expression"])).ToList()));
        Assert.All(webhooks.Except(services), w => Assert.Null(w["matchConditions"]));
    }

    // Helm creates the webhook registrations before the chart's own configuration objects, so on a first install those
    // would meet a webhook that cannot be ready yet: the metallb.io webhooks leave them out (the allocator validates them).
    [RootFact]
    public async Task Template_ConfigurationObjects_AreLabelled_AndTheMetallbWebhooksLeaveThemOut()
    {
        var rendered = YamlDocuments.Parse(await HelmChart.TemplateAsync("--values", HelmChart.CiValues(HelmPackValues)));

        var objects = YamlDocuments.MetalLbObjects(rendered);

        Assert.Equal(2, objects.Count);
        Assert.All(objects, o => Assert.Equal("true", (string?)o["metadata"]!["labels"]![ChartConfigurationLabel]));
        Assert.All(MetalLbWebhooks(rendered), w => Assert.Equal(
            $$"""{"matchExpressions":[{"key":"{{ChartConfigurationLabel}}","operator":"DoesNotExist"}]}""",
            w["objectSelector"]!.ToJsonString()));
    }

    [RootFact]
    public async Task Template_Prometheus_RendersMonitorsAndMetalLbsAlerts()
    {
        var rendered = YamlDocuments.Parse(await HelmChart.TemplateAsync(
            "--set", "prometheus.serviceMonitor.enabled=true",
            "--set", "prometheus.podMonitor.enabled=true",
            "--set", "prometheus.prometheusRule.enabled=true",
            "--set", "prometheus.prometheusRule.addressPoolUsage.excludePools=lab-.*"));

        var rule = rendered.Single(d => YamlDocuments.Kind(d) == "PrometheusRule");
        var alerts = rule["spec"]!["groups"]![0]!["rules"]!.AsArray().Select(r => (string?)r!["alert"]).ToList();

        Assert.Equal(
            ["MetalLBStaleConfig", "MetalLBConfigNotLoaded", "MetalLBAddressPoolExhausted", "MetalLBAddressPoolUsage75Percent",
             "MetalLBAddressPoolUsage85Percent", "MetalLBAddressPoolUsage95Percent", "MetalLBBGPSessionDown"],
            alerts);
        Assert.Contains(
            rule["spec"]!["groups"]![0]!["rules"]!.AsArray(),
            r => ((string?)r!["expr"])!.Contains("metallb_allocator_addresses_in_use_total{pool!~\"lab-.*\"}", StringComparison.Ordinal));
        Assert.Equal(["allocator", "announcer", "webhook"], MonitoredComponents(rendered, "ServiceMonitor"));
        Assert.Equal(["allocator", "announcer", "webhook"], MonitoredComponents(rendered, "PodMonitor"));
        foreach (var monitor in rendered.Where(d => YamlDocuments.Kind(d) == "PodMonitor"))
        {
            var component = (string?)monitor["metadata"]!["labels"]!["app.kubernetes.io/component"];
            var workload = rendered.Single(d => YamlDocuments.Kind(d) is "Deployment" or "DaemonSet"
                && (string?)d["metadata"]!["labels"]?["app.kubernetes.io/component"] == component);
            var ports = workload["spec"]!["template"]!["spec"]!["containers"]!.AsArray()
                .SelectMany(c => c!["ports"]?.AsArray() ?? []).Select(p => (string?)p!["name"]);
            Assert.Contains((string?)monitor["spec"]!["podMetricsEndpoints"]![0]!["port"], ports);
        }
        Assert.All(
            rendered.Where(d => YamlDocuments.Kind(d) is "ServiceMonitor" or "PodMonitor")
                .SelectMany(d => (d["spec"]!["endpoints"] ?? d["spec"]!["podMetricsEndpoints"])!.AsArray()),
            e => Assert.True((bool?)e!["honorLabels"]));
    }

    [RootFact]
    public async Task Template_GrafanaDashboards_ShipEveryDashboardFile_InALabelledConfigMap()
    {
        var off = YamlDocuments.Parse(await HelmChart.TemplateAsync());
        var on = YamlDocuments.Parse(await HelmChart.TemplateAsync(
            "--set", "grafana.dashboards.enabled=true",
            "--set", "grafana.dashboards.namespace=monitoring",
            "--set", "grafana.dashboards.annotations.grafana_folder=MetalLB"));

        var configMap = YamlDocuments.Single(on, "ConfigMap", "metallb-svc-grafana-dashboards");
        var files = Directory.EnumerateFiles(RepoPaths.Combine("helm", "metallb-svc", "dashboards"), "*.json")
            .Order(StringComparer.Ordinal).ToList();

        Assert.DoesNotContain(off, d => YamlDocuments.Name(d) == "metallb-svc-grafana-dashboards");
        Assert.Equal("monitoring", (string?)configMap["metadata"]!["namespace"]);
        Assert.Equal("1", (string?)configMap["metadata"]!["labels"]!["grafana_dashboard"]);
        Assert.Equal("MetalLB", (string?)configMap["metadata"]!["annotations"]!["grafana_folder"]);
        Assert.Equal(3, files.Count);
        Assert.Equal(files.Select(Path.GetFileName), configMap["data"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Equal(File.ReadAllText(f), (string?)configMap["data"]![Path.GetFileName(f)]));
    }

    [RootFact]
    public async Task Template_ExternalBroker_DropsTheBundledOne_AndNeedsAHost()
    {
        var external = YamlDocuments.Parse(await HelmChart.TemplateAsync(
            "--set", "rabbitmq.bundled.enabled=false", "--set", "rabbitmq.host=rabbitmq.example.com", "--set", "rabbitmq.useTls=true"));
        var missingHost = await HelmChart.TemplateResultAsync("--set", "rabbitmq.bundled.enabled=false");

        Assert.DoesNotContain(external, d => YamlDocuments.Kind(d) == "StatefulSet");
        Assert.Equal("rabbitmq.example.com", (string?)Settings(external)["Bus__RabbitMq__Host"]);
        Assert.Equal("true", (string?)Settings(external)["Bus__RabbitMq__UseTls"]);
        Assert.False(missingHost.Succeeded);
        Assert.Contains("rabbitmq.host is required", missingHost.StandardError, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Template_GeneratesSecrets_AndOmitsEmptyOptionalSettings()
    {
        var rendered = YamlDocuments.Parse(await HelmChart.TemplateAsync());

        var password = YamlDocuments.Single(rendered, "Secret", "metallb-svc-rabbitmq")["data"]!["password"]!.GetValue<string>();
        var key = YamlDocuments.Single(rendered, "Secret", "metallb-svc-bgp-password-key")["data"]!["key"]!.GetValue<string>();

        Assert.Equal(32, Convert.FromBase64String(password).Length);
        Assert.Equal(32, Convert.FromBase64String(key).Length);
        Assert.Null(Settings(rendered)["Webhook__LoadBalancerClass"]);
        Assert.Null(Settings(rendered)["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    [RootTheory]
    [InlineData("configInline.peers=x", "configInline is not supported")]
    [InlineData("crds.validationFailurePolicy=Sometimes", "crds.validationFailurePolicy must be Fail or Ignore")]
    [InlineData("manifests.metallb.images.controller=quay.io/metallb/controller:v0.13.11", "manifests.metallb.images name MetalLB's images")]
    [InlineData("manifests.metallb.namespace=other", "install with -n other")]
    [InlineData("configuration.ipaddresspools.p.addresses[0]=192.0.2.0/24", "configuration.ipaddresspools.p: needs a spec")]
    [InlineData("configuration.pools.p.spec.addresses[0]=192.0.2.0/24", "configuration.pools: unknown section")]
    public async Task Template_MistakenValues_FailWithWhatToDo(string set, string message)
    {
        var result = await HelmChart.TemplateResultAsync("--set", set);

        Assert.False(result.Succeeded);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Template_NamespaceCreate_RendersTheLabelledNamespace_WhichTheCliAccepts()
    {
        var rendered = await HelmChart.TemplateAsync("--set", "namespace.create=true", "--values", HelmChart.CiValues(ManifestPackValues));
        var directory = Directory.CreateTempSubdirectory("metallb-helm-").FullName;
        var file = Path.Combine(directory, "rendered.yaml");
        await File.WriteAllTextAsync(file, rendered);

        var ns = YamlDocuments.Single(YamlDocuments.Parse(rendered), "Namespace", HelmChart.Namespace);
        var validation = await MetalLbCli.ValidateAsync(file, "native");

        Assert.Equal("privileged", (string?)ns["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]);
        Assert.True(validation.Succeeded, validation.ToString());
        Directory.Delete(directory, recursive: true);
    }

    private static string Essence(JsonObject o) =>
        new JsonObject
        {
            ["apiVersion"] = o["apiVersion"]?.DeepClone(),
            ["kind"] = o["kind"]?.DeepClone(),
            ["name"] = o["metadata"]?["name"]?.DeepClone(),
            ["namespace"] = o["metadata"]?["namespace"]?.DeepClone(),
            ["spec"] = Sorted(o["spec"]),
        }.ToJsonString();

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    private static JsonObject Announcer(List<JsonObject> rendered) =>
        YamlDocuments.Single(rendered, "DaemonSet", "metallb-svc-announcer")["spec"]!["template"]!["spec"]!.AsObject();

    private static List<string?> MonitoredComponents(List<JsonObject> rendered, string kind) =>
        [.. rendered.Where(d => YamlDocuments.Kind(d) == kind)
            .Select(d => (string?)d["metadata"]!["labels"]!["app.kubernetes.io/component"])
            .Order(StringComparer.Ordinal)];

    private static List<string?> Containers(List<JsonObject> rendered) =>
        [.. Announcer(rendered)["containers"]!.AsArray().Select(c => (string?)c!["name"])];

    private static JsonNode Settings(List<JsonObject> rendered) =>
        YamlDocuments.Single(rendered, "ConfigMap", "metallb-svc-settings")["data"]!;

    private static List<JsonObject> MetalLbWebhooks(List<JsonObject> documents) =>
        [.. documents.Where(d => YamlDocuments.Kind(d) is "ValidatingWebhookConfiguration" or "MutatingWebhookConfiguration")
            .SelectMany(d => d["webhooks"]!.AsArray().OfType<JsonObject>())
            .Where(w => (string?)w["rules"]![0]!["apiGroups"]![0] == "metallb.io")];

    /// <summary>
    /// Each webhook's name, path, rules, failure policy, selector and match conditions, in a comparable form; the metallb.io webhooks'
    /// objectSelector is the chart's own (see <see cref="Template_ConfigurationObjects_AreLabelled_AndTheMetallbWebhooksLeaveThemOut"/>).
    /// </summary>
    private static List<string> Webhooks(List<JsonObject> documents) =>
        [.. documents.Where(d => YamlDocuments.Kind(d) is "ValidatingWebhookConfiguration" or "MutatingWebhookConfiguration")
            .SelectMany(d => d["webhooks"]!.AsArray().OfType<JsonObject>().Select(w => $"{YamlDocuments.Kind(d)} " + new JsonObject
            {
                ["name"] = w["name"]?.DeepClone(),
                ["path"] = w["clientConfig"]?["service"]?["path"]?.DeepClone(),
                ["rules"] = w["rules"]?.DeepClone(),
                ["failurePolicy"] = w["failurePolicy"]?.DeepClone(),
                ["objectSelector"] = (string?)w["rules"]![0]!["apiGroups"]![0] == "metallb.io" ? null : w["objectSelector"]?.DeepClone(),
                ["timeoutSeconds"] = w["timeoutSeconds"]?.DeepClone(),
                ["matchConditions"] = w["matchConditions"]?.DeepClone(),
            }.ToJsonString()))
            .Order(StringComparer.Ordinal)];
}
