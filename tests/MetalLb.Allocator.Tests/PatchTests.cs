using MetalLb.Allocator.Adapters;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Domain.Config;
using MetalLb.Domain.Net;

namespace MetalLb.Allocator.Tests;

public sealed class PatchTests
{
    [Fact]
    public void StatusPatch_WithIps_ListsOnlyIpEntriesGuardedByResourceVersion()
    {
        var patch = KubernetesServiceStatusWriter.StatusPatch("42", [IpAddress.Parse("192.0.2.10"), IpAddress.Parse("2001:db8::1")]);

        Assert.Equal(
            """{"status":{"loadBalancer":{"ingress":[{"ip":"192.0.2.10"},{"ip":"2001:db8::1"}]}},"metadata":{"resourceVersion":"42"}}""",
            patch.ToJsonString());
    }

    [Fact]
    public void StatusPatch_Cleared_RemovesIngress()
    {
        var patch = KubernetesServiceStatusWriter.StatusPatch(null, []);

        Assert.Equal("""{"status":{"loadBalancer":{"ingress":null}}}""", patch.ToJsonString());
    }

    [Fact]
    public void AnnotationPatch_Cleared_RemovesStableAndDeprecatedAnnotations()
    {
        var service = new ServiceInfo(new ObjectMeta
        {
            Name = "web",
            Namespace = "default",
            Annotations = new Dictionary<string, string> { ["metallb.universe.tf/ip-allocated-from-pool"] = "old" },
        });

        var patch = KubernetesServiceStatusWriter.AnnotationPatch(service, null);

        Assert.Equal(
            """{"metadata":{"annotations":{"metallb.io/ip-allocated-from-pool":null,"metallb.universe.tf/ip-allocated-from-pool":null}}}""",
            patch.ToJsonString());
    }

    [Fact]
    public void ConfigurationStatePatch_Invalid_SaysWhyWithConfigurationError()
    {
        var patch = KubernetesConfigurationStateWriter.StatusPatch(
            new ConfigurationReport(false, "pools overlap"), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        Assert.Equal(
            """{"status":{"result":"Invalid","errorSummary":"pools overlap","conditions":[{"type":"poolReconcilerValid","status":"False","reason":"ConfigurationError","message":"pools overlap","lastTransitionTime":"2026-01-02T03:04:05Z"}]}}""",
            patch.ToJsonString());
    }

    [Fact]
    public void ConfigurationStatePatch_Valid_RemovesErrorSummaryAndNeverSendsAnEmptyMessage()
    {
        var patch = KubernetesConfigurationStateWriter.StatusPatch(
            ConfigurationReport.Ok, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        Assert.Equal(
            """{"status":{"result":"Valid","errorSummary":null,"conditions":[{"type":"poolReconcilerValid","status":"True","reason":"Reconciled","message":"the configuration is valid and applied","lastTransitionTime":"2026-01-02T03:04:05Z"}]}}""",
            patch.ToJsonString());
    }
}
