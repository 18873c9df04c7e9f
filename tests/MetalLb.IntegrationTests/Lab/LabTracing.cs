namespace MetalLb.IntegrationTests.Lab;

/// <summary>Tests that listen to every ActivitySource in the process run alone, so no other test adds spans.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LabTracing
{
    public const string Name = "lab-tracing";
}
