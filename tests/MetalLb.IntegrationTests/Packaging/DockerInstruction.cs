using System.Text.Json;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>One Dockerfile instruction, continuation lines joined: its keyword, its leading <c>--flag=value</c>s and the rest.</summary>
internal sealed record DockerInstruction(string Keyword, IReadOnlyDictionary<string, string> Flags, string Arguments, int Line)
{
    /// <summary>The arguments of the exec (JSON array) form, e.g. <c>ENTRYPOINT ["dotnet", "x.dll"]</c>; null for the shell form.</summary>
    public IReadOnlyList<string>? ExecForm =>
        Arguments.StartsWith('[') ? JsonSerializer.Deserialize<string[]>(Arguments) : null;

    /// <summary>The whitespace-separated words of the arguments, double quotes removed (<c>COPY a b dest/</c>, <c>ARG X=1</c>).</summary>
    public IReadOnlyList<string> Words => DockerWords.Split(Arguments);

    /// <summary>The <c>key=value</c> pairs of <c>LABEL</c> and <c>ENV</c>.</summary>
    public IReadOnlyDictionary<string, string> Pairs =>
        Words.Select(w => w.Split('=', 2)).ToDictionary(p => p[0], p => p.Length == 2 ? p[1] : string.Empty, StringComparer.Ordinal);

    public override string ToString() => $"line {Line}: {Keyword} {Arguments}";
}
