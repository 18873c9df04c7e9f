using System.Text.Json.Nodes;
using MetalLb.TestSupport;
using MetalLb.Webhook;
using MetalLb.Webhook.Webhooks;

namespace MetalLb.IntegrationTests.Deploy;

/// <summary>The plain manifests under deploy/, read as YAML: what they grant, where they point, what the CRDs carry.</summary>
public sealed class DeployManifestTests
{
    /// <summary>The default install's objects: base, the bundled broker and the CRDs (not the components' patches).</summary>
    private static readonly List<JsonObject> Deploy =
        [.. new[] { "base", "rabbitmq", "crds" }.SelectMany(d => YamlDocuments.LoadTree(RepoPaths.Combine("deploy", d)))];

    /// <summary>Every YAML document under deploy/, variants and patches included.</summary>
    private static readonly List<JsonObject> Everything = YamlDocuments.LoadTree(RepoPaths.Combine("deploy"));

    private static readonly string[] EscalationVerbs = ["escalate", "bind", "impersonate"];

    [Fact]
    public void Rbac_HasNoWildcardVerbsResourcesOrGroups_AndNoEscalationVerbs()
    {
        Assert.Empty(RbacRules.Wildcards(Everything));
        Assert.Empty(RbacRules.Verbs(Everything).Intersect(EscalationVerbs));
        Assert.NotEmpty(RbacRules.Lines(Deploy));
    }

    [Fact]
    public void Rbac_SecretsAndLeases_AreNamedWhereverRbacAllowsIt()
    {
        var lines = RbacRules.Lines(Deploy);

        Assert.Contains("Role/-webhook:  | secrets | get,patch | -webhook-cert", lines);
        Assert.Contains("Role/-webhook:  | secrets | create | ", lines);
        Assert.Contains("Role/-allocator: coordination.k8s.io | leases | get,update | -allocator", lines);
        // The one exception: BGPPeer passwordSecrets have names of the users' choosing, watched in the allocator's namespace.
        Assert.Equal(
            ["Role/-allocator:  | secrets | list,watch | "],
            lines.Where(l => l.Contains("| secrets |", StringComparison.Ordinal) && l.Contains("list", StringComparison.Ordinal)));
    }

    [Fact]
    public void Announcer_HasNoRbacNoTokenAndOnlyNetRawAndNetAdmin()
    {
        var bindings = Deploy.Where(d => YamlDocuments.Kind(d) is "RoleBinding" or "ClusterRoleBinding");
        var account = YamlDocuments.Single(Deploy, "ServiceAccount", "metallb-svc-announcer");
        var pod = YamlDocuments.Single(Deploy, "DaemonSet", "metallb-svc-announcer")["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]!.AsArray().Single(c => (string?)c!["name"] == "announcer")!;
        var capabilities = container["securityContext"]!["capabilities"]!;

        Assert.DoesNotContain(bindings.SelectMany(b => b["subjects"]!.AsArray()), s => (string?)s!["name"] == "metallb-svc-announcer");
        Assert.False((bool)account["automountServiceAccountToken"]!);
        Assert.False((bool)pod["automountServiceAccountToken"]!);
        Assert.True((bool)pod["hostNetwork"]!);
        Assert.Equal("ClusterFirstWithHostNet", (string?)pod["dnsPolicy"]);
        Assert.Equal(["ALL"], capabilities["drop"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(["NET_RAW", "NET_ADMIN"], capabilities["add"]!.AsArray().Select(c => (string?)c));
        Assert.False((bool)container["securityContext"]!["allowPrivilegeEscalation"]!);
        Assert.Contains(pod["tolerations"]!.AsArray(), t => (string?)t!["key"] == "node-role.kubernetes.io/control-plane");
    }

    [Fact]
    public void Namespace_CarriesThePrivilegedPodSecurityLabels()
    {
        var labels = YamlDocuments.Single(Deploy, "Namespace", "metallb-system")["metadata"]!["labels"]!;

        foreach (var mode in new[] { "enforce", "audit", "warn" })
        {
            Assert.Equal("privileged", (string?)labels[$"pod-security.kubernetes.io/{mode}"]);
        }
    }

    [Fact]
    public void WebhookAndAllocator_RunTwoReplicas_AsNonRootWithAReadOnlyRoot()
    {
        foreach (var name in new[] { "metallb-svc-webhook", "metallb-svc-allocator" })
        {
            var spec = YamlDocuments.Single(Deploy, "Deployment", name)["spec"]!;
            var container = spec["template"]!["spec"]!["containers"]![0]!;

            Assert.Equal(2, (long)spec["replicas"]!);
            Assert.True((bool)spec["template"]!["spec"]!["securityContext"]!["runAsNonRoot"]!);
            Assert.True((bool)container["securityContext"]!["readOnlyRootFilesystem"]!);
            Assert.Equal(["ALL"], container["securityContext"]!["capabilities"]!["drop"]!.AsArray().Select(c => (string?)c));
        }
    }

    [Fact]
    public void WebhookConfigurations_UseOnlyPathsTheWebhookServes_FailOnMetallbKinds_AndNeverBlockAService()
    {
        string[] served =
        [
            .. MetalLbObjectWebhook.Paths.Keys, AdmissionExtensions.ServicePath, AdmissionExtensions.NamespaceValidationPath,
            AdmissionExtensions.NamespaceMutationPath, AdmissionExtensions.PoolMutationPath, AdmissionExtensions.ServiceMutationPath,
        ];
        var webhooks = Deploy
            .Where(d => YamlDocuments.Kind(d) is "ValidatingWebhookConfiguration" or "MutatingWebhookConfiguration")
            .SelectMany(d => d["webhooks"]!.AsArray().OfType<JsonObject>())
            .ToList();
        var service = YamlDocuments.Single(Deploy, "Service", "metallb-svc-webhook");

        Assert.Equal(served.Order(StringComparer.Ordinal), webhooks.Select(w => (string?)w["clientConfig"]!["service"]!["path"]).Order(StringComparer.Ordinal));
        Assert.All(webhooks, w => Assert.Equal("metallb-svc-webhook", (string?)w["clientConfig"]!["service"]!["name"]));
        Assert.All(
            webhooks.Where(w => (string?)w["rules"]![0]!["apiGroups"]![0] == "metallb.io"),
            w => Assert.Equal("Fail", (string?)w["failurePolicy"]));
        Assert.Equal(443, (long)service["spec"]!["ports"]![0]!["port"]!);
        Assert.All(
            webhooks.Where(w => (string?)w["rules"]![0]!["resources"]![0] == "services"),
            w => Assert.Equal("Ignore", (string?)w["failurePolicy"]));
        var stamp = Assert.Single(webhooks, w => (string?)w["clientConfig"]!["service"]!["path"] == AdmissionExtensions.ServiceMutationPath);
        Assert.True((long)stamp["timeoutSeconds"]! <= 2);
    }

    [Fact]
    public void BgpPeerCrd_ServesBothVersions_StoresV1beta2_AndConvertsThroughTheWebhooksConvertPath()
    {
        var crd = YamlDocuments.Single(Deploy, "CustomResourceDefinition", "bgppeers.metallb.io")["spec"]!;
        var versions = crd["versions"]!.AsArray();
        var conversion = crd["conversion"]!["webhook"]!["clientConfig"]!["service"]!;

        Assert.Equal(["v1beta1", "v1beta2"], versions.Select(v => (string?)v!["name"]));
        Assert.All(versions, v => Assert.True((bool)v!["served"]!));
        Assert.Equal("v1beta2", versions.Single(v => (bool)v!["storage"]!)!["name"]!.GetValue<string>());
        Assert.Equal("Webhook", (string?)crd["conversion"]!["strategy"]);
        Assert.Equal(AdmissionExtensions.ConversionPath, (string?)conversion["path"]);
        Assert.Equal("metallb-svc-webhook", (string?)conversion["name"]);
        Assert.Equal("metallb-system", (string?)conversion["namespace"]);
    }

    [Fact]
    public void Crds_EveryKindIsNamespacedWithAStatusSubresource()
    {
        var crds = Deploy.Where(d => YamlDocuments.Kind(d) == "CustomResourceDefinition").ToList();

        Assert.Equal(
            ["bfdprofiles", "bgpadvertisements", "bgppeers", "communities", "configurationstates", "ipaddresspools", "l2advertisements", "servicebgpstatuses", "servicel2statuses"],
            crds.Select(c => (string?)c["spec"]!["names"]!["plural"]).Order(StringComparer.Ordinal));
        Assert.All(crds, c => Assert.Equal("Namespaced", (string?)c["spec"]!["scope"]));
        Assert.All(crds.SelectMany(c => c["spec"]!["versions"]!.AsArray()), v => Assert.NotNull(v!["subresources"]!["status"]));
    }

    // METALLB-SPEC §1 printer columns, per kind (the first version; BGPPeer's two agree).
    [Theory]
    [InlineData("ipaddresspools.metallb.io", "Auto Assign,Avoid Buggy IPs,Addresses")]
    [InlineData("l2advertisements.metallb.io", "IPAddressPools,IPAddressPool Selectors,Interfaces,Node Selectors")]
    [InlineData("bgpadvertisements.metallb.io", "IPAddressPools,IPAddressPool Selectors,Peers,Node Selectors")]
    [InlineData("bgppeers.metallb.io", "Address,ASN,BFD Profile,Multi Hops")]
    [InlineData("bfdprofiles.metallb.io", "Passive Mode,Transmit Interval,Receive Interval,Multiplier")]
    [InlineData("servicel2statuses.metallb.io", "Allocated Node,Service Name,Service Namespace")]
    [InlineData("configurationstates.metallb.io", "Result,ErrorSummary,Age")]
    public void Crds_HaveMetalLbsPrinterColumns(string crd, string columns)
    {
        var versions = YamlDocuments.Single(Deploy, "CustomResourceDefinition", crd)["spec"]!["versions"]!.AsArray();

        Assert.All(versions, v => Assert.Equal(
            columns,
            string.Join(",", v!["additionalPrinterColumns"]!.AsArray().Select(c => (string?)c!["name"]))));
    }

    // CEL rules (x-kubernetes-validations) of METALLB-SPEC §1 and §4.3. The 1.20 API server of these tests ignores CEL, so
    // their presence and text are checked here; the webhook enforces the same rules (MetalLb.Webhook.Tests) for servers
    // that do not evaluate CEL either.
    [Theory]
    [InlineData("bgpadvertisements.metallb.io", "v1beta1", "spec", "self.serviceSelectors", "serviceSelectors and aggregationLength are mutually exclusive")]
    [InlineData("bgppeers.metallb.io", "v1beta2", "spec.properties.connectTime", "duration(self).getSeconds() >= 1 && duration(self).getSeconds() <= 65535", "connect time should be between 1 seconds to 65535")]
    [InlineData("bgppeers.metallb.io", "v1beta2", "spec.properties.connectTime", "duration(self).getMilliseconds() % 1000 == 0", "connect time should contain a whole number of seconds")]
    [InlineData("bgppeers.metallb.io", "v1beta2", "spec.properties.enableGracefulRestart", "self == oldSelf", "EnableGracefulRestart cannot be changed after creation")]
    [InlineData("servicel2statuses.metallb.io", "v1beta1", "status.properties.node", "self == oldSelf", "Value is immutable")]
    [InlineData("servicel2statuses.metallb.io", "v1beta1", "status.properties.serviceName", "self == oldSelf", "Value is immutable")]
    [InlineData("servicel2statuses.metallb.io", "v1beta1", "status.properties.serviceNamespace", "self == oldSelf", "Value is immutable")]
    [InlineData("servicebgpstatuses.metallb.io", "v1beta1", "status.properties.node", "self == oldSelf", "Value is immutable")]
    [InlineData("servicebgpstatuses.metallb.io", "v1beta1", "status.properties.serviceName", "self == oldSelf", "Value is immutable")]
    [InlineData("servicebgpstatuses.metallb.io", "v1beta1", "status.properties.serviceNamespace", "self == oldSelf", "Value is immutable")]
    public void Crds_CarryTheCelRulesOfTheSpec(string crd, string version, string path, string ruleFragment, string message)
    {
        var schema = YamlDocuments.Single(Deploy, "CustomResourceDefinition", crd)["spec"]!["versions"]!.AsArray()
            .Single(v => (string?)v!["name"] == version)!["schema"]!["openAPIV3Schema"]!["properties"]!;
        var node = path.Split('.').Aggregate(schema, (n, part) => n[part]!);

        var rules = node["x-kubernetes-validations"]!.AsArray();

        Assert.Contains(rules, r => ((string?)r!["rule"])!.Contains(ruleFragment, StringComparison.Ordinal)
            && ((string?)r["message"])!.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void ChartCrds_AreTheDeployCrdsByteForByte()
    {
        var deploy = Directory.GetFiles(RepoPaths.Crds, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var chartDirectory = RepoPaths.Combine("helm", "metallb-svc", "crds");

        Assert.Equal(deploy, Directory.GetFiles(chartDirectory, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(deploy, f => Assert.Equal(
            File.ReadAllText(Path.Combine(RepoPaths.Crds, f!)),
            File.ReadAllText(Path.Combine(chartDirectory, f!))));
    }
}
