using System.Text.Json.Nodes;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Deploy;

/// <summary>
/// deploy/ and the chart against a real kube-apiserver 1.20: the whole install applied, the examples and rendered
/// objects accepted, and what MetalLB's OpenAPI schemas reject rejected. 1.20 enforces OpenAPI (types, ranges, enums,
/// required, defaults) but not CEL, and does not serve policy/v1 (PodDisruptionBudgets are left out of the apply and
/// checked as YAML only).
/// </summary>
public sealed class DeployAgainstApiServerTests(DeployApiServerFixture cluster) : IClassFixture<DeployApiServerFixture>, IClassFixture<HelmFixture>
{
    private const string Ns = DeployApiServerFixture.MetalLbNamespace;

    [RootFact]
    public async Task KustomizeInstall_AppliesEveryObjectForReal_AndItsVariantsPassServerDryRun()
    {
        Assert.Null(cluster.SkipReason);
        var install = await KustomizeAsync("deploy");
        var frrMode = await KustomizeAsync("deploy", "frr-mode");
        var external = await KustomizeAsync("deploy", "external-rabbitmq");
        // The webhook registrations only pass server-side dry-run: registered for real they would make this API server
        // call the webhook Service's ClusterIP (203.0.113.0/24), which leads nowhere on this machine.
        var registrations = install.Where(IsWebhookRegistration).ToList();

        var applied = await cluster.KubectlCheckedAsync("apply", "--validate=false", "-f", await cluster.WriteAsync(install.Where(d => !IsWebhookRegistration(d))));
        var registered = await cluster.KubectlAsync("apply", "--dry-run=server", "--validate=false", "-f", await cluster.WriteAsync(registrations));
        var frr = await cluster.KubectlAsync("apply", "--dry-run=server", "--validate=false", "-f", await cluster.WriteAsync(frrMode));
        var externalBroker = await cluster.KubectlAsync("apply", "--dry-run=server", "--validate=false", "-f", await cluster.WriteAsync(external));

        var workloads = await cluster.KubectlCheckedAsync("get", "deployments,daemonsets,statefulsets", "-n", Ns, "-o", "name");
        Assert.Equal(install.Count - 2, applied.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(2, registrations.Count);
        Assert.True(registered.Succeeded, registered.ToString());
        Assert.Equal(
            ["daemonset.apps/metallb-svc-announcer", "deployment.apps/metallb-svc-allocator", "deployment.apps/metallb-svc-webhook", "statefulset.apps/metallb-svc-rabbitmq"],
            workloads.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.True(frr.Succeeded, frr.ToString());
        Assert.True(externalBroker.Succeeded, externalBroker.ToString());
        Assert.DoesNotContain(external, d => YamlDocuments.Kind(d) == "StatefulSet");
        Assert.Contains(frrMode, d => YamlDocuments.Kind(d) == "ConfigMap" && YamlDocuments.Name(d) == "metallb-svc-frr-startup");
    }

    [RootFact]
    public async Task HelmRenders_OfThePackValues_PassServerDryRun()
    {
        Assert.Null(cluster.SkipReason);
        foreach (var values in new[] { "palette-helm-pack-values.yaml", "palette-manifest-pack-values.yaml" })
        {
            var rendered = YamlDocuments.Parse(await HelmChart.TemplateAsync(
                "--values", HelmChart.CiValues(values), "--set", "fullnameOverride=helm-check"));

            var result = await cluster.KubectlAsync(
                "apply", "--dry-run=server", "--validate=false", "-f", await cluster.WriteAsync(WithoutPodDisruptionBudgets(rendered)));

            Assert.True(result.Succeeded, $"{values}: {result}");
        }
    }

    [RootFact]
    public async Task EveryExample_AndEveryRenderedObject_IsAcceptedByTheCrdSchemas()
    {
        Assert.Null(cluster.SkipReason);
        var examples = YamlDocuments.MetalLbObjects(Directory.GetFiles(RepoPaths.Combine("examples"), "*.yaml")
            .SelectMany(f => YamlDocuments.Parse(File.ReadAllText(f))));
        var rendered = new List<JsonObject>();
        foreach (var values in new[] { "palette-helm-pack-values.yaml", "palette-manifest-pack-values.yaml" })
        {
            rendered.AddRange(YamlDocuments.MetalLbObjects(YamlDocuments.Parse(await HelmChart.TemplateAsync("--values", HelmChart.CiValues(values)))));
        }

        var result = await cluster.KubectlAsync(
            "apply", "--dry-run=server", "--validate=false", "-f", await cluster.WriteAsync([.. examples, .. rendered]));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(examples.Count + rendered.Count, result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(examples, e => YamlDocuments.Kind(e) == "BGPPeer");
    }

    // The schema-level cases of METALLB-SPEC §4.3 (and §1's ranges): P2 addresses required, B1 aggregationLength >= 1,
    // BGPAdvertisement localPref uint32, L4 preferredNodeSelectors weight 1-100, R1 myASN required, R4 dynamicASN enum,
    // R14 ASN and port ranges (v1beta2 1-16384; v1beta1 0-16384), F3 BFD ranges. CEL cases (B2, connectTime, immutability)
    // are not evaluated by this 1.20 server: DeployManifestTests checks their text, the webhook enforces them.
    [RootTheory]
    [InlineData("v1beta1", "IPAddressPool", "autoAssign: true", "spec.addresses: Required value")]
    [InlineData("v1beta1", "BGPAdvertisement", "aggregationLength: 0", "spec.aggregationLength in body should be greater than or equal to 1")]
    [InlineData("v1beta1", "BGPAdvertisement", "localPref: 4294967296", "spec.localPref in body should be less than or equal to 4294967295")]
    [InlineData("v1beta1", "BGPAdvertisement", "localPref: -1", "spec.localPref in body should be greater than or equal to 0")]
    [InlineData("v1beta1", "L2Advertisement", "preferredNodeSelectors: [{weight: 0, preference: {}}]", "spec.preferredNodeSelectors.weight in body should be greater than or equal to 1")]
    [InlineData("v1beta1", "L2Advertisement", "preferredNodeSelectors: [{weight: 101, preference: {}}]", "spec.preferredNodeSelectors.weight in body should be less than or equal to 100")]
    [InlineData("v1beta1", "L2Advertisement", "preferredNodeSelectors: [{weight: 10}]", "spec.preferredNodeSelectors.preference: Required value")]
    [InlineData("v1beta2", "BGPPeer", "{peerASN: 64513, peerAddress: 192.0.2.1}", "spec.myASN: Required value")]
    [InlineData("v1beta2", "BGPPeer", "{myASN: 4294967296, peerASN: 1, peerAddress: 192.0.2.1}", "spec.myASN in body should be less than or equal to 4294967295")]
    [InlineData("v1beta2", "BGPPeer", "{myASN: 1, peerASN: -1, peerAddress: 192.0.2.1}", "spec.peerASN in body should be greater than or equal to 0")]
    [InlineData("v1beta2", "BGPPeer", "{myASN: 1, peerASN: \"64513\", peerAddress: 192.0.2.1}", "spec.peerASN in body must be of type integer")]
    [InlineData("v1beta2", "BGPPeer", "{myASN: 1, localASN: 0, peerASN: 2, peerAddress: 192.0.2.1}", "spec.localASN in body should be greater than or equal to 1")]
    [InlineData("v1beta2", "BGPPeer", "{myASN: 1, dynamicASN: both, peerAddress: 192.0.2.1}", "spec.dynamicASN: Unsupported value: \"both\"")]
    [InlineData("v1beta2", "BGPPeer", "{myASN: 1, peerASN: 2, peerAddress: 192.0.2.1, peerPort: 0}", "spec.peerPort in body should be greater than or equal to 1")]
    [InlineData("v1beta2", "BGPPeer", "{myASN: 1, peerASN: 2, peerAddress: 192.0.2.1, peerPort: 16385}", "spec.peerPort in body should be less than or equal to 16384")]
    [InlineData("v1beta1", "BGPPeer", "{myASN: 1, peerASN: 2, peerAddress: 192.0.2.1, peerPort: 16385}", "spec.peerPort in body should be less than or equal to 16384")]
    [InlineData("v1beta1", "BGPPeer", "{myASN: 1, peerAddress: 192.0.2.1}", "spec.peerASN: Required value")]
    [InlineData("v1beta1", "BFDProfile", "receiveInterval: 9", "spec.receiveInterval in body should be greater than or equal to 10")]
    [InlineData("v1beta1", "BFDProfile", "transmitInterval: 60001", "spec.transmitInterval in body should be less than or equal to 60000")]
    [InlineData("v1beta1", "BFDProfile", "echoInterval: 9", "spec.echoInterval in body should be greater than or equal to 10")]
    [InlineData("v1beta1", "BFDProfile", "detectMultiplier: 1", "spec.detectMultiplier in body should be greater than or equal to 2")]
    [InlineData("v1beta1", "BFDProfile", "detectMultiplier: 256", "spec.detectMultiplier in body should be less than or equal to 255")]
    [InlineData("v1beta1", "BFDProfile", "minimumTtl: 0", "spec.minimumTtl in body should be greater than or equal to 1")]
    [InlineData("v1beta1", "BFDProfile", "minimumTtl: 255", "spec.minimumTtl in body should be less than or equal to 254")]
    [InlineData("v1beta1", "Community", "communities: [{name: a, value: 1}]", "spec.communities.value in body must be of type string")]
    public async Task Schema_RejectsWhatMetalLbsSchemaRejects(string version, string kind, string spec, string error)
    {
        Assert.Null(cluster.SkipReason);
        var body = spec.StartsWith('{') ? spec : $"{{{spec}}}";
        var file = await cluster.WriteAsync($$"""
            apiVersion: metallb.io/{{version}}
            kind: {{kind}}
            metadata:
              name: schema-check
              namespace: {{Ns}}
            spec: {{body}}
            """);

        var result = await cluster.KubectlAsync("apply", "--dry-run=server", "--validate=false", "-f", file);

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains(error, result.StandardError, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Schema_FillsMetalLbsDefaults()
    {
        Assert.Null(cluster.SkipReason);
        var file = await cluster.WriteAsync($$"""
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata:
              name: defaults
              namespace: {{Ns}}
            spec: {addresses: [198.51.100.0/28]}
            ---
            apiVersion: metallb.io/v1beta1
            kind: BGPAdvertisement
            metadata:
              name: defaults
              namespace: {{Ns}}
            spec: {}
            ---
            apiVersion: metallb.io/v1beta2
            kind: BGPPeer
            metadata:
              name: defaults
              namespace: {{Ns}}
            spec: {myASN: 64512, peerASN: 64513, peerAddress: 192.0.2.1}
            """);

        var created = await cluster.KubectlCheckedAsync("apply", "--dry-run=server", "--validate=false", "-f", file, "-o", "json");

        var items = JsonNode.Parse(created)!["items"]!.AsArray().Select(i => i!["spec"]!).ToList();
        Assert.True((bool)items[0]["autoAssign"]!);
        Assert.False((bool)items[0]["avoidBuggyIPs"]!);
        Assert.Equal(32, (int)items[1]["aggregationLength"]!);
        Assert.Equal(128, (int)items[1]["aggregationLengthV6"]!);
        Assert.Equal(179, (int)items[2]["peerPort"]!);
        Assert.False((bool)items[2]["disableMP"]!);
    }

    [RootFact]
    public async Task ConfigurationState_Result_IsAnEnum()
    {
        Assert.Null(cluster.SkipReason);
        var file = await cluster.WriteAsync($$"""
            apiVersion: metallb.io/v1beta1
            kind: ConfigurationState
            metadata:
              name: enum-check
              namespace: {{Ns}}
            """);
        await cluster.KubectlCheckedAsync("apply", "--validate=false", "-f", file);

        var bogus = await cluster.KubectlAsync(
            "patch", "configurationstate", "enum-check", "-n", Ns, "--subresource=status", "--type=merge", "-p", """{"status":{"result":"Bogus"}}""");
        var valid = await cluster.KubectlAsync(
            "patch", "configurationstate", "enum-check", "-n", Ns, "--subresource=status", "--type=merge", "-p", """{"status":{"result":"Valid"}}""");

        Assert.False(bogus.Succeeded);
        Assert.Contains("status.result: Unsupported value: \"Bogus\"", bogus.StandardError, StringComparison.Ordinal);
        Assert.True(valid.Succeeded, valid.ToString());
    }

    private static async Task<List<JsonObject>> KustomizeAsync(params string[] directory)
    {
        var result = await ProcessRunner.RunAsync("kubectl", ["kustomize", RepoPaths.Combine(directory)], TimeSpan.FromMinutes(1));
        Assert.True(result.Succeeded, result.ToString());
        var documents = YamlDocuments.Parse(result.StandardOutput);
        Assert.Equal(2, documents.Count(d => YamlDocuments.Kind(d) == "PodDisruptionBudget" && (string?)d["apiVersion"] == "policy/v1"));
        return WithoutPodDisruptionBudgets(documents);
    }

    private static bool IsWebhookRegistration(JsonObject document) =>
        YamlDocuments.Kind(document) is "ValidatingWebhookConfiguration" or "MutatingWebhookConfiguration";

    /// <summary>policy/v1 is served from 1.21 on; this 1.20 server knows only policy/v1beta1.</summary>
    private static List<JsonObject> WithoutPodDisruptionBudgets(IEnumerable<JsonObject> documents) =>
        [.. documents.Where(d => YamlDocuments.Kind(d) != "PodDisruptionBudget")];
}
