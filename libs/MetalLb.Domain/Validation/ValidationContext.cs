using MetalLb.Domain.Config;

namespace MetalLb.Domain.Validation;

/// <summary>What every rule reads: the input set, the options and where to put problems.</summary>
public sealed class ValidationContext(ConfigSource source, ValidationOptions options)
{
    public ConfigSource Source { get; } = source;

    public ValidationOptions Options { get; } = options;

    public ProblemCollector Problems { get; } = new();

    public bool IsNative => Options.BgpBackend == BgpBackend.Native;

    public void Error(IMetalLbObject obj, string field, string message) => Problems.Error(ObjectRef.Of(obj), field, message);

    public void Warning(IMetalLbObject obj, string field, string message) => Problems.Warning(ObjectRef.Of(obj), field, message);
}
