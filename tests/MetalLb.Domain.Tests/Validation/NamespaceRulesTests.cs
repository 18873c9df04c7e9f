using MetalLb.Domain.Config;
using static MetalLb.Domain.Tests.TestObjects;

namespace MetalLb.Domain.Tests.Validation;

public class NamespaceRulesTests
{
    private static NamespaceInfo MetalLbNamespace(params string[] labels) => new(Meta("metallb-system", Labels(labels), null));

    [Fact]
    public void Validate_WhenNamespaceHasAllThreePrivilegedLabels_Accepts()
    {
        var ns = MetalLbNamespace(
            "pod-security.kubernetes.io/enforce=privileged",
            "pod-security.kubernetes.io/audit=privileged",
            "pod-security.kubernetes.io/warn=privileged");

        var result = Validate(new ConfigSource { Namespaces = [ns] });

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }

    [Fact]
    public void Validate_WhenLabelsMissing_SaysWhichLabelToAdd()
    {
        var ns = MetalLbNamespace("pod-security.kubernetes.io/enforce=privileged");

        var result = Validate(new ConfigSource { Namespaces = [ns] });

        Assert.Equal(2, result.Errors.Count());
        result.SingleError("lacks label pod-security.kubernetes.io/audit: add \"pod-security.kubernetes.io/audit: privileged\"");
        result.SingleError("lacks label pod-security.kubernetes.io/warn");
    }

    [Fact]
    public void Validate_WhenLabelsAreNotRequired_ReportsWarningsOnly()
    {
        var ns = MetalLbNamespace("pod-security.kubernetes.io/enforce=privileged");

        var result = MetalLb.Domain.Validation.ConfigValidator.Validate(
            new ConfigSource { Namespaces = [ns] }, new MetalLb.Domain.Validation.ValidationOptions { PodSecurityLabelsRequired = false });

        Assert.True(result.IsValid);
        Assert.Equal(2, result.Warnings.Count());
    }

    [Fact]
    public void Validate_WhenLabelIsWeaker_SaysToSetPrivileged()
    {
        var ns = MetalLbNamespace(
            "pod-security.kubernetes.io/enforce=baseline",
            "pod-security.kubernetes.io/audit=privileged",
            "pod-security.kubernetes.io/warn=privileged");

        var result = Validate(new ConfigSource { Namespaces = [ns] });

        var error = result.SingleError("has label pod-security.kubernetes.io/enforce=baseline: set \"pod-security.kubernetes.io/enforce: privileged\"");
        Assert.Equal("Namespace", error.Object.Kind);
        Assert.Equal("metadata.labels", error.Field);
    }

    [Fact]
    public void Validate_WhenOtherNamespaceLacksLabels_Accepts()
    {
        var result = Validate(new ConfigSource { Namespaces = [new NamespaceInfo(Meta("default", null, null))] });

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_WhenNamespaceOptionDiffers_ChecksThatNamespace()
    {
        var source = new ConfigSource { Namespaces = [new NamespaceInfo(Meta("lb", null, null))], Pools = [Pool("p", "10.0.0.0/24")] };

        var result = MetalLb.Domain.Validation.ConfigValidator.Validate(source, new MetalLb.Domain.Validation.ValidationOptions { MetalLbNamespace = "lb" });

        Assert.Equal(3, result.Errors.Count(e => e.Message.Contains("namespace \"lb\" lacks label", StringComparison.Ordinal)));
        result.SingleError("resource must be created in lb namespace, not \"metallb-system\"");
    }

    [Fact]
    public void Validate_WhenObjectOutsideMetalLbNamespace_ReportsIt()
    {
        var pool = new IpAddressPool(Meta("p", null, "default"), new IpAddressPoolSpec { Addresses = ["10.0.0.0/24"] });

        var result = Validate(new ConfigSource { Pools = [pool] });

        Assert.Equal("metadata.namespace", result.SingleError("resource must be created in metallb-system namespace, not \"default\"").Field);
    }

    [Fact]
    public void Validate_WhenObjectHasNoNamespace_TakesTheMetalLbNamespace()
    {
        var pool = new IpAddressPool(Meta("p", null, null), new IpAddressPoolSpec { Addresses = ["10.0.0.0/24"] });

        var result = Validate(new ConfigSource { Pools = [pool] });

        Assert.True(result.IsValid);
    }
}
