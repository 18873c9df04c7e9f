using MetalLb.Webhook.Certificates;

namespace MetalLb.Webhook.Tests.Certificates;

public sealed class ServerCertificateSelectorTests
{
    [Fact]
    public void Select_FollowsTheProviderWithoutRestart()
    {
        var state = new CertificateState(CertificateTestKit.Wrap(new CertificateOptions()));
        var selector = new ServerCertificateSelector(state, TimeProvider.System);
        var planner = new CertificatePlanner(CertificateTestKit.Options());
        var first = planner.Plan(null, DateTimeOffset.UtcNow, null).Serving;
        var second = planner.Plan(null, DateTimeOffset.UtcNow, null).Serving;

        var beforeReady = selector.Select();
        state.Update(first, ready: true);
        var afterFirst = selector.Select();
        state.Update(second, ready: true);
        var afterRotation = selector.Select();

        Assert.Contains("placeholder", beforeReady.Subject, StringComparison.Ordinal);
        Assert.Same(first, afterFirst);
        Assert.Same(second, afterRotation);
    }

    [Fact]
    public void State_InDisabledMode_IsReadyWithoutCertificate()
    {
        var state = new CertificateState(CertificateTestKit.Wrap(new CertificateOptions { Mode = CertificateMode.Disabled }));

        Assert.True(state.IsReady);
        Assert.Null(state.Current);
    }
}
