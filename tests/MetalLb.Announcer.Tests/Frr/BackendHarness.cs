using MetalLb.Announcer.Frr;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MetalLb.Announcer.Tests.Frr;

/// <summary>An <see cref="FrrBgpBackend"/> on a fake clock and a <see cref="FakeFrrControl"/>: debounce 3 s, retry 5 s, the background poll once at start and then hourly (tests poll with PollOnceAsync).</summary>
internal sealed class BackendHarness : IAsyncDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    public BackendHarness()
    {
        Control = new FakeFrrControl(Clock);
        Backend = new FrrBgpBackend("node-a", Control, new FrrOptions { Debounce = Debounce, RetryInterval = Retry, PollInterval = TimeSpan.FromHours(1) },
            Clock, NullLogger<FrrBgpBackend>.Instance);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    public FakeFrrControl Control { get; }

    public FrrBgpBackend Backend { get; }

    /// <summary>Completes with the next reload attempt; call before moving the clock.</summary>
    public Task<FrrApplyAttempt> NextAttempt()
    {
        var done = new TaskCompletionSource<FrrApplyAttempt>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(FrrApplyAttempt attempt)
        {
            Backend.ApplyAttempted -= Handler;
            done.TrySetResult(attempt);
        }

        Backend.ApplyAttempted += Handler;
        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Moves the clock and waits for the attempt that the move starts.</summary>
    public async Task<FrrApplyAttempt> AdvanceToAttempt(TimeSpan by)
    {
        var attempt = NextAttempt();
        Clock.Advance(by);
        return await attempt;
    }

    public ValueTask DisposeAsync() => Backend.DisposeAsync();
}
