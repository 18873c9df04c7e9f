namespace MetalLb.IntegrationTests.Packaging;

/// <summary>
/// The Dockerfile builds run alone: each is a full Release build on both cores, which would starve the timing-sensitive
/// L2 and BGP tests of this assembly if they ran beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DockerBuilds
{
    public const string Name = "docker-builds";
}
