using MetalLb.Kubernetes.Caching;

namespace MetalLb.Kubernetes.Tests.Caching;

public class ExponentialBackoffTests
{
    [Fact]
    public void Next_DoublesFrom100MillisecondsAndStopsAt10Seconds()
    {
        var backoff = new ExponentialBackoff();

        var delays = Enumerable.Range(0, 10).Select(_ => backoff.Next().TotalMilliseconds).ToArray();

        Assert.Equal([100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000, 10_000], delays);
    }

    [Fact]
    public void Reset_StartsOverFromTheInitialDelay()
    {
        var backoff = new ExponentialBackoff();
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Next());
    }

    [Fact]
    public void Next_WhenCapIsNotAPowerOfTwoMultiple_NeverExceedsTheCap()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1000));

        var delays = Enumerable.Range(0, 4).Select(_ => backoff.Next().TotalMilliseconds).ToArray();

        Assert.Equal([300, 600, 1000, 1000], delays);
    }
}
