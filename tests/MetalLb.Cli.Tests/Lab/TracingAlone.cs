namespace MetalLb.Cli.Tests.Lab;

/// <summary>
/// Trace tests listen to every ActivitySource in the process, so they run alone: another test's lab run would add
/// spans of its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracingAlone
{
    public const string Name = "traces";
}
