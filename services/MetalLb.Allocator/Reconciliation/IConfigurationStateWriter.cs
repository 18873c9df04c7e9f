namespace MetalLb.Allocator.Reconciliation;

/// <summary>Writes the controller's ConfigurationState (METALLB-SPEC §1.9), creating the object when it is missing.</summary>
public interface IConfigurationStateWriter
{
    Task WriteAsync(ConfigurationReport report, CancellationToken cancellationToken);
}
