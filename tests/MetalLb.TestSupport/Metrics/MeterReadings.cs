using System.Diagnostics.Metrics;

namespace MetalLb.TestSupport.Metrics;

/// <summary>Reads a host's own instruments directly, without an exporter.</summary>
public static class MeterReadings
{
    /// <summary>
    /// The current value of every observable <c>int</c> or <c>long</c> instrument of meter <paramref name="meterName"/>
    /// created through <paramref name="factory"/> (another host's meter of the same name in this process is not read),
    /// by instrument name and the value of its first label ("" without labels).
    /// </summary>
    public static Dictionary<(string Name, string Label), long> Observe(IMeterFactory factory, string meterName)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var values = new Dictionary<(string, string), long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == meterName && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => values[(i.Name, Label(tags))] = value);
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => values[(i.Name, Label(tags))] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    private static string Label(ReadOnlySpan<KeyValuePair<string, object?>> tags) => tags.Length == 0 ? "" : tags[0].Value?.ToString() ?? "";
}
