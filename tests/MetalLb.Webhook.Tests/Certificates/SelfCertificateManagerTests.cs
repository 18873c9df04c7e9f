using MetalLb.Webhook.Certificates;

namespace MetalLb.Webhook.Tests.Certificates;

public sealed class SelfCertificateManagerTests
{
    private readonly ManualTimeProvider _time = new(CertificateTestKit.Start);
    private readonly FakeCertificateStore _store = new();
    private readonly FakeCaBundlePublisher _publisher = new();

    [Fact]
    public async Task Check_WithEmptyStore_StoresPublishesAndServes()
    {
        var manager = CertificateTestKit.Manager(CertificateTestKit.Options(), _store, _publisher, _time, out var state);
        Assert.False(state.IsReady);

        await manager.CheckAsync(CancellationToken.None);

        Assert.True(state.IsReady);
        Assert.NotNull(state.Current);
        Assert.Equal(1, _store.Writes);
        Assert.Equal([_store.Stored!.Material.CaBundle], _publisher.Published);
        Assert.True(CertificateTestKit.ChainsTo(state.Current, CertificateTestKit.Bundle(_publisher.Published[0]), _time.Now));
    }

    [Fact]
    public async Task Check_AfterRestart_ReusesTheStoredCertificate()
    {
        var first = CertificateTestKit.Manager(CertificateTestKit.Options(), _store, _publisher, _time, out var firstState);
        await first.CheckAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(10));
        var restarted = CertificateTestKit.Manager(CertificateTestKit.Options(), _store, _publisher, _time, out var restartedState);

        await restarted.CheckAsync(CancellationToken.None);

        Assert.Equal(firstState.Current!.Thumbprint, restartedState.Current!.Thumbprint);
        Assert.Equal(1, _store.Writes);
    }

    [Fact]
    public async Task Check_WhenAnotherReplicaWritesFirst_ServesTheOtherReplicasCertificate()
    {
        var other = new CertificatePlanner(CertificateTestKit.Options()).Plan(null, _time.Now, null);
        _store.InterveningWrite = () => other.Material;
        var manager = CertificateTestKit.Manager(CertificateTestKit.Options(), _store, _publisher, _time, out var state);

        await manager.CheckAsync(CancellationToken.None);

        Assert.Equal(other.Serving.Thumbprint, state.Current!.Thumbprint);
        Assert.Equal(other.Material, _store.Stored!.Material);
        Assert.Equal([other.Material.CaBundle], _publisher.Published);
    }

    [Fact]
    public async Task Check_BeforeExpiry_RenewsTheServingCertificateUnderTheSameCa()
    {
        var options = CertificateTestKit.Options();
        var manager = CertificateTestKit.Manager(options, _store, _publisher, _time, out var state);
        await manager.CheckAsync(CancellationToken.None);
        var original = state.Current!;
        var bundle = _store.Stored!.Material.CaBundle;

        _time.Advance(options.CertValidity - options.RenewBefore - TimeSpan.FromHours(1));
        await manager.CheckAsync(CancellationToken.None);
        var beforeWindow = state.Current!;
        _time.Advance(TimeSpan.FromHours(2));
        await manager.CheckAsync(CancellationToken.None);

        Assert.Equal(original.Thumbprint, beforeWindow.Thumbprint);
        Assert.NotEqual(original.Thumbprint, state.Current!.Thumbprint);
        Assert.True(state.Current.NotAfter > original.NotAfter);
        Assert.Equal(bundle, _store.Stored!.Material.CaBundle);
        Assert.All(_publisher.Published, p => Assert.Equal(bundle, p));
        Assert.True(CertificateTestKit.ChainsTo(state.Current, CertificateTestKit.Bundle(bundle), _time.Now));
    }

    [Fact]
    public async Task Check_WhenTheCaNearsExpiry_PublishesOldAndNewCaBeforeSwitching()
    {
        var options = CertificateTestKit.Options(o =>
        {
            o.CaValidity = TimeSpan.FromDays(400);
            o.CertValidity = TimeSpan.FromDays(90);
        });
        var manager = CertificateTestKit.Manager(options, _store, _publisher, _time, out var state);
        await manager.CheckAsync(CancellationToken.None);
        var oldCa = Assert.Single(CertificateTestKit.Bundle(_store.Stored!.Material.CaBundle));
        _time.Advance(TimeSpan.FromDays(300));
        await manager.CheckAsync(CancellationToken.None);
        var underOldCa = state.Current!;

        _time.Advance(TimeSpan.FromDays(45));
        await manager.CheckAsync(CancellationToken.None);
        var duringPublication = state.Current!;
        var bothCas = CertificateTestKit.Bundle(_publisher.Published[^1]);
        _time.Advance(options.CheckInterval);
        await manager.CheckAsync(CancellationToken.None);
        var switched = state.Current!;
        _time.Advance(TimeSpan.FromDays(56));
        await manager.CheckAsync(CancellationToken.None);

        Assert.Equal(underOldCa.Thumbprint, duringPublication.Thumbprint);
        Assert.Equal(2, bothCas.Count);
        Assert.Equal(oldCa.Thumbprint, bothCas[0].Thumbprint);
        Assert.NotEqual(underOldCa.Thumbprint, switched.Thumbprint);
        Assert.Equal(bothCas[1].Thumbprint, CertificateTestKit.Issuer(switched, bothCas).Thumbprint);
        Assert.Equal(bothCas[1].Thumbprint, Assert.Single(CertificateTestKit.Bundle(_publisher.Published[^1])).Thumbprint);
        Assert.True(CertificateTestKit.ChainsTo(state.Current!, CertificateTestKit.Bundle(_publisher.Published[^1]), _time.Now));
    }

    [Fact]
    public async Task Check_WhenPublishingFails_ServesAndThrowsSoTheCheckIsRetried()
    {
        _publisher.Fail = true;
        var manager = CertificateTestKit.Manager(CertificateTestKit.Options(), _store, _publisher, _time, out var state);

        await Assert.ThrowsAsync<HttpRequestException>(() => manager.CheckAsync(CancellationToken.None));

        Assert.True(state.IsReady);
        Assert.NotNull(state.Current);
    }

    [Fact]
    public async Task Check_WhenTheStoreKeepsChanging_GivesUp()
    {
        var store = new ContendedStore();
        var manager = CertificateTestKit.Manager(CertificateTestKit.Options(), store, _publisher, _time, out var state);

        await Assert.ThrowsAsync<InvalidOperationException>(() => manager.CheckAsync(CancellationToken.None));

        Assert.False(state.IsReady);
        Assert.Equal(5, store.Attempts);
    }

    private sealed class ContendedStore : ICertificateStore
    {
        public int Attempts { get; private set; }

        public string Location => "contended store";

        public Task<StoredCertificate?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<StoredCertificate?>(null);

        public Task<bool> TryWriteAsync(CertificateMaterial material, string? expectedVersion, CancellationToken cancellationToken)
        {
            Attempts++;
            return Task.FromResult(false);
        }
    }
}
