using System.Text;
using k8s;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Webhook;

/// <summary>
/// The webhook behind a real kube-apiserver, driven with the real kubectl: denials carry our messages, valid objects
/// are admitted and mutated, and the certificate Secret and caBundles land in the API server.
/// </summary>
public sealed class WebhookAgainstApiServerTests(WebhookClusterFixture cluster) : IClassFixture<WebhookClusterFixture>
{
    private const string Ns = WebhookClusterFixture.MetalLbNamespace;

    [RootFact]
    public async Task Namespace_CreatedWithoutLabels_GetsThePodSecurityLabels()
    {
        var ns = await cluster.Api.Client.CoreV1.ReadNamespaceAsync(Ns);

        Assert.True(cluster.NamespaceCreation.Succeeded, cluster.NamespaceCreation.ToString());
        foreach (var label in new[] { "enforce", "audit", "warn" })
        {
            Assert.Equal("privileged", ns.Metadata.Labels[$"pod-security.kubernetes.io/{label}"]);
        }
    }

    [RootFact]
    public async Task Namespace_WeakeningALabel_IsDeniedWithOurMessage()
    {
        var result = await cluster.Api.RunKubectlAsync(
            "label", "namespace", Ns, "pod-security.kubernetes.io/enforce=baseline", "--overwrite");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("denied the request", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("pod-security.kubernetes.io/enforce=baseline", result.StandardError, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Pool_Valid_IsAdmittedWithAddressesTrimmedAndDefaultsExplicit()
    {
        await cluster.ApplyYamlAsync(Pool("it-trimmed", "192.0.2.1 - 192.0.2.5"));

        var stored = await KubectlJsonPathAsync("ipaddresspools.metallb.io", "it-trimmed", "{.spec.addresses[0]} {.spec.autoAssign} {.spec.avoidBuggyIPs}");

        Assert.Equal("192.0.2.1-192.0.2.5 true false", stored);
    }

    [RootFact]
    public async Task Pool_OverlappingAnother_IsDeniedNamingBothPoolsAndCidrs()
    {
        await cluster.ApplyYamlAsync(Pool("it-base", "198.51.100.0/24"));
        await cluster.WaitForStoreAsync(s => s.Pools.Any(p => p.Metadata.Name == "it-base"), "pool it-base");

        var result = await cluster.ApplyYamlAsync(Pool("it-overlap", "198.51.100.128/25"), check: false);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(
            "CIDR \"198.51.100.128/25\" in pool \"it-overlap\" overlaps with already defined CIDR \"198.51.100.0/24\" in pool \"it-base\"",
            result.StandardError,
            StringComparison.Ordinal);
        var listed = await cluster.Api.RunKubectlAsync("get", "ipaddresspools.metallb.io", "-n", Ns, "it-overlap");
        Assert.NotEqual(0, listed.ExitCode);
    }

    [RootFact]
    public async Task Service_AskingForAnIpOutsideEveryPool_IsDenied()
    {
        await cluster.ApplyYamlAsync(Pool("it-services", "203.0.113.200-203.0.113.210"));
        await cluster.WaitForStoreAsync(s => s.Pools.Any(p => p.Metadata.Name == "it-services"), "pool it-services");

        var impossible = await cluster.ApplyYamlAsync(Service("it-impossible", "192.0.2.250"), check: false);
        var possible = await cluster.ApplyYamlAsync(Service("it-possible", "203.0.113.205"), check: false);

        Assert.NotEqual(0, impossible.ExitCode);
        Assert.Contains("denied the request", impossible.StandardError, StringComparison.Ordinal);
        Assert.Contains("192.0.2.250", impossible.StandardError, StringComparison.Ordinal);
        Assert.True(possible.Succeeded, possible.ToString());
    }

    [RootFact]
    public async Task Certificate_SecretAndCaBundles_LandInTheApiServer()
    {
        var secret = await cluster.Api.Client.CoreV1.ReadNamespacedSecretAsync("metallb-svc-webhook-cert", ClusterWebhookFactory.SecretNamespace);
        var bundles = await cluster.CaBundlesAsync();

        var ca = Encoding.ASCII.GetString(secret.Data["ca.crt"]);
        Assert.Contains("BEGIN CERTIFICATE", ca, StringComparison.Ordinal);
        Assert.True(secret.Data.ContainsKey("tls.crt") && secret.Data.ContainsKey("tls.key"));
        Assert.Equal(8, bundles.Count);
        Assert.All(bundles, b => Assert.Equal(ca, Encoding.ASCII.GetString(b)));
    }

    [RootFact]
    public async Task BgpPeer_WrittenAsV1beta1_IsConvertedByOurWebhookAndStoredAsV1beta2()
    {
        const string peer = """
            apiVersion: metallb.io/v1beta1
            kind: BGPPeer
            metadata:
              name: it-legacy
              namespace: metallb-system
            spec:
              myASN: 64512
              peerASN: 64513
              peerAddress: 192.0.2.1
              holdTime: 9s
            """;

        var applied = await cluster.ApplyYamlAsync(peer);
        var asV1beta2 = await KubectlJsonPathAsync("bgppeers.v1beta2.metallb.io", "it-legacy", "{.apiVersion} {.spec.myASN} {.spec.peerAddress} {.spec.holdTime}");
        var asV1beta1 = await KubectlJsonPathAsync("bgppeers.v1beta1.metallb.io", "it-legacy", "{.apiVersion} {.spec.peerASN}");

        Assert.Contains("v1beta1 is deprecated", applied.StandardError, StringComparison.Ordinal);
        Assert.Equal("metallb.io/v1beta2 64512 192.0.2.1 9s", asV1beta2);
        Assert.Equal("metallb.io/v1beta1 64513", asV1beta1);
    }

    private async Task<string> KubectlJsonPathAsync(string resource, string name, string path)
    {
        var result = await cluster.Api.RunKubectlAsync("get", resource, "-n", Ns, name, "-o", $"jsonpath={path}");
        Assert.True(result.Succeeded, result.ToString());
        return result.StandardOutput.Trim();
    }

    private static string Pool(string name, string address) => $"""
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata:
          name: {name}
          namespace: {Ns}
        spec:
          addresses:
            - "{address}"
        """;

    private static string Service(string name, string ip) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: default
          annotations:
            metallb.io/loadBalancerIPs: "{ip}"
        spec:
          type: LoadBalancer
          selector:
            app: {name}
          ports:
            - port: 80
        """;
}
