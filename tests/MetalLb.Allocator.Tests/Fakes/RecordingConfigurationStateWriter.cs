using MetalLb.Allocator.Reconciliation;

namespace MetalLb.Allocator.Tests.Fakes;

/// <summary>Keeps every ConfigurationState report.</summary>
internal sealed class RecordingConfigurationStateWriter : IConfigurationStateWriter
{
    public List<ConfigurationReport> Reports { get; } = [];

    public Task WriteAsync(ConfigurationReport report, CancellationToken cancellationToken)
    {
        Reports.Add(report);
        return Task.CompletedTask;
    }
}
