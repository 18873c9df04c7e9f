namespace MetalLb.IntegrationTests.Packaging;

/// <summary>One build stage: <c>FROM [--platform=…] image [AS name]</c> and the instructions up to the next FROM.</summary>
internal sealed record DockerStage(string? Name, string BaseImage, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) =>
        Instructions.Where(i => string.Equals(i.Keyword, keyword, StringComparison.OrdinalIgnoreCase));

    /// <summary>The defaults of the stage's own <c>ARG</c>s (an ARG does not reach stages built FROM this one).</summary>
    public IReadOnlyDictionary<string, string> Args =>
        All("ARG").Select(a => a.Words[0].Split('=', 2)).ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : string.Empty, StringComparer.Ordinal);

    /// <summary>The stage's WORKDIR after its last WORKDIR instruction.</summary>
    public string? WorkDir => All("WORKDIR").Select(w => w.Arguments).LastOrDefault();

    public override string ToString() => Name ?? BaseImage;
}
