using MetalLb.Announcer.Frr;
using static MetalLb.Announcer.Tests.Frr.TestPeers;

namespace MetalLb.Announcer.Tests.Frr;

/// <summary>FrrBgpBackend on a fake clock: the debounce, no reload of an unchanged configuration, retries, FRR down, sessions.</summary>
public sealed class FrrBgpBackendTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Burst_IsOneReload_WhenTheWindowOfTheFirstChangeEnds()
    {
        await using var h = new BackendHarness();
        var start = h.Clock.GetUtcNow();
        await h.Backend.SetPeersAsync([Peer("router")], [], default);
        h.Clock.Advance(Second);
        await h.Backend.AdvertiseAsync(Route("203.0.113.1/32", "router"), default);
        await h.Backend.AdvertiseAsync(Route("203.0.113.2/32", "router"), default);
        h.Clock.Advance(Second);
        await h.Backend.AdvertiseAsync(Route("203.0.113.3/32", "router"), default);
        h.Clock.Advance(Second / 2);

        Assert.Empty(h.Control.Attempts);
        var attempt = await h.AdvanceToAttempt(Second / 2);

        Assert.Equal(FrrApplyOutcome.Applied, attempt.Outcome);
        var applied = Assert.Single(h.Control.Applied);
        Assert.Equal(start + BackendHarness.Debounce, applied.At);
        Assert.Contains("  network 203.0.113.1/32\n  network 203.0.113.2/32\n  network 203.0.113.3/32\n", applied.Configuration);
        Assert.Equal(1, h.Backend.Applies);
    }

    [Fact]
    public async Task ChangeUndoneWithinTheWindow_IsNotReloaded()
    {
        await using var h = new BackendHarness();
        await h.Backend.SetPeersAsync([Peer("router")], [], default);
        await h.Backend.AdvertiseAsync(Route("203.0.113.1/32", "router"), default);
        await h.AdvanceToAttempt(BackendHarness.Debounce);

        await h.Backend.AdvertiseAsync(Route("203.0.113.2/32", "router"), default);
        await h.Backend.WithdrawAsync(Route("203.0.113.2/32", "router"), default);
        var attempt = await h.AdvanceToAttempt(BackendHarness.Debounce);

        Assert.Equal(FrrApplyOutcome.Unchanged, attempt.Outcome);
        Assert.Single(h.Control.Attempts);
        Assert.Equal((1, 1), (h.Backend.Applies, h.Backend.UnchangedRenders));
    }

    [Fact]
    public async Task SamePeersAgain_IsNotReloaded()
    {
        await using var h = new BackendHarness();
        await h.Backend.SetPeersAsync([Peer("router"), Peer("other", "192.0.2.3")], [Profile("fast")], default);
        await h.AdvanceToAttempt(BackendHarness.Debounce);
        await h.Backend.PollOnceAsync(default);

        await h.Backend.SetPeersAsync([Peer("other", "192.0.2.3"), Peer("router")], [Profile("fast")], default);
        var attempt = await h.AdvanceToAttempt(BackendHarness.Debounce);

        Assert.Equal(FrrApplyOutcome.Unchanged, attempt.Outcome);
        Assert.Single(h.Control.Attempts);
    }

    [Fact]
    public async Task FailedReload_IsTriedAgainEveryRetryInterval_WithTheLatestState()
    {
        await using var h = new BackendHarness();
        h.Control.FailNext = 2;
        var start = h.Clock.GetUtcNow();
        await h.Backend.SetPeersAsync([Peer("router")], [], default);

        var first = await h.AdvanceToAttempt(BackendHarness.Debounce);
        await h.Backend.AdvertiseAsync(Route("203.0.113.9/32", "router"), default);
        var second = await h.AdvanceToAttempt(BackendHarness.Retry);
        var third = await h.AdvanceToAttempt(BackendHarness.Retry);

        Assert.Equal([FrrApplyOutcome.Failed, FrrApplyOutcome.Failed, FrrApplyOutcome.Applied], [first.Outcome, second.Outcome, third.Outcome]);
        Assert.Contains("failed to connect", first.Error, StringComparison.Ordinal);
        Assert.Equal(
            [start + BackendHarness.Debounce, start + BackendHarness.Debounce + BackendHarness.Retry, start + BackendHarness.Debounce + (2 * BackendHarness.Retry)],
            h.Control.Attempts);
        Assert.Contains("network 203.0.113.9/32", Assert.Single(h.Control.Applied).Configuration, StringComparison.Ordinal);
        Assert.Equal(2, h.Backend.Failures);
    }

    [Fact]
    public async Task NothingIsApplied_BeforeTheFirstPeerSet()
    {
        await using var h = new BackendHarness();
        await h.Backend.AdvertiseAsync(Route("203.0.113.1/32", "router"), default);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var peersAt = h.Clock.GetUtcNow();

        await h.Backend.SetPeersAsync([Peer("router")], [], default);
        await h.AdvanceToAttempt(BackendHarness.Debounce);

        var applied = Assert.Single(h.Control.Applied);
        Assert.Equal(peersAt + BackendHarness.Debounce, applied.At);
        Assert.Contains("network 203.0.113.1/32", applied.Configuration, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangesDuringAFailedReload_AreInTheRetry_AndArmNothingElse()
    {
        await using var h = new BackendHarness();
        h.Control.FailNext = 1;
        await h.Backend.SetPeersAsync([Peer("router")], [], default);
        await h.AdvanceToAttempt(BackendHarness.Debounce);

        await h.Backend.AdvertiseAsync(Route("203.0.113.5/32", "router"), default);
        h.Clock.Advance(BackendHarness.Debounce);
        var retry = await h.AdvanceToAttempt(BackendHarness.Retry - BackendHarness.Debounce);

        Assert.Equal(FrrApplyOutcome.Applied, retry.Outcome);
        Assert.Equal(2, h.Control.Attempts.Count);
    }

    [Fact]
    public async Task FrrLosingItsConfiguration_IsReloadedAgain()
    {
        await using var h = new BackendHarness();
        h.Control.NeighborsJson = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Frr", "neighbors.json"));
        await h.Backend.SetPeersAsync([Peer("router")], [], default);
        await h.AdvanceToAttempt(BackendHarness.Debounce);
        await h.Backend.PollOnceAsync(default);

        h.Control.NeighborsJson = "{}";
        await h.Backend.PollOnceAsync(default);
        var attempt = await h.AdvanceToAttempt(BackendHarness.Debounce);

        Assert.Equal(FrrApplyOutcome.Applied, attempt.Outcome);
        Assert.Equal(2, h.Control.Applied.Count);
        Assert.Equal(h.Control.Applied[0].Configuration, h.Control.Applied[1].Configuration);
    }
}
