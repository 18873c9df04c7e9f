using System.Diagnostics.Metrics;
using MetalLb.Hosting.Announcing;
using Microsoft.Extensions.DependencyInjection;

namespace MetalLb.Hosting.Tests.Announcing;

public class PlanAgeMetricTests
{
    [Fact]
    public void Applied_RecordsTheAgeFromTheSentTime_NothingWithoutOne_AndZeroForAClockBehind()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var clock = new SteppedClock();
        var metric = new PlanAgeMetric(factory, "node-a", clock);
        var samples = new List<(double Value, string? Node)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == PlanAgeMetric.Name && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => samples.Add((value, tags[0].Value as string)));
        listener.Start();
        var now = clock.GetUtcNow().UtcDateTime;

        metric.Applied(now - TimeSpan.FromMilliseconds(250));
        metric.Applied(null);
        metric.Applied(now + TimeSpan.FromSeconds(1));

        Assert.Equal([(0.25, "node-a"), (0.0, "node-a")], samples);
    }
}
