using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using k8s;
using MetalLb.IntegrationTests.Allocator;
using MetalLb.IntegrationTests.Deploy;
using MetalLb.IntegrationTests.Otlp;
using MetalLb.TestSupport;
using MetalLb.Webhook.Certificates;
using MetalLb.Webhook.Store;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace MetalLb.IntegrationTests.Webhook;

/// <summary>
/// In a cluster the trace starts at admission: deploy/'s webhook registrations in a real kube-apiserver, the real
/// webhook and the allocator, a Service applied with kubectl. Spans through OpenTelemetry's in-memory exporter.
/// </summary>
public sealed class ServiceTraceAgainstApiServerTests
{
    private const string Traceparent = "metallb-svc.io/traceparent";

    [RootFact]
    public async Task KubectlApply_IsStampedAtAdmission_TheReconcileContinuesThatTrace_ADenialIsAnErrorSpan_AndADownWebhookBlocksNothing()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var exporter = Sdk.CreateTracerProviderBuilder()
            .AddSource("MetalLb.Webhook", "MetalLb.Allocator")
            .AddProcessor(new SimpleActivityExportProcessor(new ActivityQueueExporter(spans)))
            .Build();
        await using var cluster = await AllocatorCluster.StartAsync();
        await cluster.ApplyAsync(AllocatorYaml.Pool("blue", "192.0.2.10-192.0.2.20"));
        var port = FreePort();
        await RegisterDeployWebhooksAsync(cluster, port);
        var webhook = new ServiceAccountWebhookFactory(port, cluster.Client);
        try
        {
            webhook.UseKestrel();
            webhook.StartServer();
            await AllocatorCluster.Until(
                () => Task.FromResult(webhook.Services.GetRequiredService<ICertificateProvider>().IsReady && webhook.Services.GetRequiredService<IObjectStore>().IsSynced),
                "the webhook ready");
            await AllocatorCluster.Until(
                async () => (await cluster.Client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync("metallb-svc-mutating")).Webhooks.All(w => w.ClientConfig.CaBundle?.Length > 0),
                "the caBundle injected");
            await cluster.StartAllocatorAsync("replica-1");

            await cluster.ApplyAsync(AllocatorYaml.Service("traced-web"));

            var stamped = await cluster.Client.CoreV1.ReadNamespacedServiceAsync("traced-web", "default");
            var parent = ActivityContext.Parse(stamped.Metadata.Annotations[Traceparent], null);
            var mutation = Assert.Single(spans, s => s.SpanId == parent.SpanId);
            Assert.Equal(parent.TraceId, mutation.TraceId);
            Assert.Equal("admission Service", mutation.OperationName);
            Assert.Equal("mutating", mutation.GetTagItem("admission.type"));
            Assert.Equal("traced-web", mutation.GetTagItem("admission.name"));
            Assert.Equal("default", mutation.GetTagItem("admission.namespace"));
            Assert.Equal(true, mutation.GetTagItem("admission.allowed"));
            var validation = Assert.Single(spans, s => s.TraceId == parent.TraceId && (string?)s.GetTagItem("admission.type") == "validating");
            Assert.Equal(mutation.SpanId, validation.ParentSpanId);
            await AllocatorCluster.Until(() => Task.FromResult(spans.Any(s => s.OperationName == "reconcile default/traced-web")), "the reconcile span");
            var reconcile = Assert.Single(spans, s => s.OperationName == "reconcile default/traced-web");
            Assert.Equal(parent.TraceId, reconcile.TraceId);
            Assert.Equal(mutation.SpanId, reconcile.ParentSpanId);
            Assert.Equal("192.0.2.10", reconcile.GetTagItem("allocator.ips"));

            var denied = await ApplyAsync(cluster, AllocatorYaml.Service("traced-denied", "198.51.100.99"));

            Assert.False(denied.Succeeded, denied.ToString());
            var denial = Assert.Single(spans, s => (string?)s.GetTagItem("admission.name") == "traced-denied" && (string?)s.GetTagItem("admission.type") == "validating");
            Assert.Equal(ActivityStatusCode.Error, denial.Status);
            Assert.Contains("198.51.100.99", denial.StatusDescription, StringComparison.Ordinal);
            Assert.Contains(denial.StatusDescription!, denied.StandardError, StringComparison.Ordinal);
            var deniedMutation = Assert.Single(spans, s => s.SpanId == denial.ParentSpanId);
            Assert.Equal("traced-denied", deniedMutation.GetTagItem("admission.name"));

            await webhook.DisposeAsync();
            await cluster.ApplyAsync(AllocatorYaml.Service("untraced-web"));

            await AllocatorCluster.Until(async () => (await cluster.IngressAsync("untraced-web")).Count == 1, "untraced-web gets an IP");
            var untraced = await cluster.Client.CoreV1.ReadNamespacedServiceAsync("untraced-web", "default");
            Assert.False(untraced.Metadata.Annotations?.ContainsKey(Traceparent) ?? false);
        }
        finally
        {
            await webhook.DisposeAsync();
        }
    }

    /// <summary>
    /// deploy/'s Validating and MutatingWebhookConfigurations, pointed at the webhook on loopback (no cluster network
    /// here), each given the API server's longest wait. deploy/ gives the Service mutation 2 s and Ignore: kept as it
    /// is, a webhook answering late in this shared, loaded test process (CI: three test assemblies, an API server and
    /// etcd on 2 cores) would let a write through unstamped — the test would be timing the webhook, not checking it.
    /// </summary>
    private static async Task RegisterDeployWebhooksAsync(AllocatorCluster cluster, int port)
    {
        var configurations = YamlDocuments.Parse(await File.ReadAllTextAsync(RepoPaths.Combine("deploy", "base", "webhook-configurations.yaml")));
        foreach (var registration in configurations.SelectMany(c => c["webhooks"]!.AsArray()).OfType<JsonObject>())
        {
            var path = (string?)registration["clientConfig"]!["service"]!["path"];
            registration["clientConfig"] = new JsonObject { ["url"] = $"https://127.0.0.1:{port}{path}" };
            registration["timeoutSeconds"] = 30;
        }

        await cluster.ApplyAsync(string.Concat(configurations.Select(c => c.ToJsonString() + "\n")));
    }

    private static async Task<ProcessResult> ApplyAsync(AllocatorCluster cluster, string yaml)
    {
        var file = Path.Combine(cluster.Api.Directory, $"apply-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        return await cluster.Api.RunKubectlAsync("apply", "-f", file);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
