using MetalLb.Webhook.Certificates;

namespace MetalLb.Webhook.Tests.Certificates;

public sealed class CertificatePlannerTests
{
    private static readonly DateTimeOffset Now = CertificateTestKit.Start;

    [Fact]
    public void Plan_WithNothingStored_CreatesCaAndServingCertificate()
    {
        var planner = new CertificatePlanner(CertificateTestKit.Options());

        var plan = planner.Plan(null, Now, null);

        var bundle = CertificateTestKit.Bundle(plan.Material.CaBundle);
        Assert.Single(bundle);
        Assert.True(CertificateTestKit.ChainsTo(plan.Serving, bundle, Now));
        Assert.Equal(2, plan.Changes.Count);
        Assert.False(plan.SwitchPending);
    }

    [Fact]
    public void Plan_WithCurrentMaterial_ChangesNothing()
    {
        var planner = new CertificatePlanner(CertificateTestKit.Options());
        var first = planner.Plan(null, Now, null);

        var second = planner.Plan(first.Material, Now.AddDays(100), first.Material.CaBundle);

        Assert.False(second.Changed);
        Assert.Same(first.Material.Certificate, second.Material.Certificate);
        Assert.Equal(first.Serving.Thumbprint, second.Serving.Thumbprint);
    }

    [Fact]
    public void Plan_WithGarbageStored_StartsOver()
    {
        var planner = new CertificatePlanner(CertificateTestKit.Options());
        var garbage = new CertificateMaterial("junk", "junk", "junk", "junk");

        var plan = planner.Plan(garbage, Now, null);

        Assert.True(plan.Changed);
        Assert.True(CertificateTestKit.ChainsTo(plan.Serving, CertificateTestKit.Bundle(plan.Material.CaBundle), Now));
    }

    [Fact]
    public void Plan_WhenCaKeyIsLost_KeepsServingUntilTheNewCaIsPublished()
    {
        var planner = new CertificatePlanner(CertificateTestKit.Options());
        var first = planner.Plan(null, Now, null);
        var withoutCaKey = first.Material with { CaKey = string.Empty };

        var unpublished = planner.Plan(withoutCaKey, Now.AddDays(1), first.Material.CaBundle);
        var published = planner.Plan(unpublished.Material, Now.AddDays(1).AddHours(1), unpublished.Material.CaBundle);

        Assert.Equal(2, CertificateTestKit.Bundle(unpublished.Material.CaBundle).Count);
        Assert.True(unpublished.SwitchPending);
        Assert.Equal(first.Serving.Thumbprint, unpublished.Serving.Thumbprint);
        Assert.False(published.SwitchPending);
        Assert.NotEqual(first.Serving.Thumbprint, published.Serving.Thumbprint);
        Assert.Equal(unpublished.Material.CaBundle, published.Material.CaBundle);
    }

    [Fact]
    public void Plan_WhenNamesChange_ReissuesUnderTheSameCa()
    {
        var first = new CertificatePlanner(CertificateTestKit.Options()).Plan(null, Now, null);
        var planner = new CertificatePlanner(CertificateTestKit.Options(o => o.ExtraSans = ["127.0.0.1", "10.0.0.5"]));

        var plan = planner.Plan(first.Material, Now.AddMinutes(1), null);

        Assert.NotEqual(first.Serving.Thumbprint, plan.Serving.Thumbprint);
        Assert.Equal(first.Material.CaBundle, plan.Material.CaBundle);
        Assert.Contains(plan.Changes, c => c.Contains("names changed", StringComparison.Ordinal));
    }
}
