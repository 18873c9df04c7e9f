using System.Text.RegularExpressions;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>
/// A Dockerfile parsed into stages, as BuildKit reads it: comment lines dropped, continuation lines joined, a stage
/// built FROM an earlier one inheriting its USER, ENTRYPOINT, EXPOSE and LABELs.
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerStage> stages)
    {
        Path = path;
        Stages = stages;
    }

    public string Path { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public static Dockerfile Load(string path) => Parse(path, File.ReadAllText(path));

    public static Dockerfile Parse(string path, string text)
    {
        var stages = new List<DockerStage>();
        string? name = null;
        string? image = null;
        var instructions = new List<DockerInstruction>();
        foreach (var instruction in Instructions(text))
        {
            if (instruction.Keyword == "FROM")
            {
                Close();
                var words = instruction.Words;
                image = words[0];
                name = words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2]
                    : words.Count == 1 ? null
                    : throw new FormatException($"{path}: {instruction}: expected FROM image [AS name]");
                continue;
            }

            if (image is null && instruction.Keyword != "ARG")
            {
                throw new FormatException($"{path}: {instruction}: an instruction before the first FROM");
            }

            instructions.Add(instruction);
        }

        Close();
        return stages.Count == 0 ? throw new FormatException($"{path}: no FROM") : new Dockerfile(path, stages);

        void Close()
        {
            if (image is not null)
            {
                stages.Add(new DockerStage(name, image, [.. instructions]));
            }

            instructions.Clear();
        }
    }

    /// <summary>The stage <c>docker build --target</c> builds; the last one without a target.</summary>
    public DockerStage Target(string? target = null) =>
        target is null ? Stages[^1] : Stages.Single(s => s.Name == target);

    /// <summary>The stage and the earlier stages it is built FROM, the stage itself first.</summary>
    public IReadOnlyList<DockerStage> Chain(DockerStage stage)
    {
        var chain = new List<DockerStage> { stage };
        for (var parent = Named(stage.BaseImage); parent is not null; parent = Named(parent.BaseImage))
        {
            chain.Add(parent);
        }

        return chain;
    }

    /// <summary>The external image the stage's chain starts from.</summary>
    public string BaseImageOf(DockerStage stage) => Chain(stage)[^1].BaseImage;

    /// <summary>The last value of a single-valued instruction (USER, ENTRYPOINT) along the stage's chain.</summary>
    public DockerInstruction? Effective(DockerStage stage, string keyword) =>
        Chain(stage).Select(s => s.All(keyword).LastOrDefault()).FirstOrDefault(i => i is not null);

    /// <summary>Every instruction of a kind along the chain, the earliest stage first (EXPOSE, LABEL, COPY).</summary>
    public IEnumerable<DockerInstruction> Inherited(DockerStage stage, string keyword) =>
        Chain(stage).Reverse().SelectMany(s => s.All(keyword));

    /// <summary>The stage's labels with each stage's own ARG defaults substituted (<c>${VERSION}</c>).</summary>
    public IReadOnlyDictionary<string, string> Labels(DockerStage stage)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var owner in Chain(stage).Reverse())
        {
            foreach (var (key, value) in owner.All("LABEL").SelectMany(l => l.Pairs))
            {
                labels[key] = Substitute(value, owner.Args);
            }
        }

        return labels;
    }

    private DockerStage? Named(string image) => Stages.FirstOrDefault(s => s.Name == image);

    private static string Substitute(string value, IReadOnlyDictionary<string, string> args) =>
        Variable().Replace(value, m => args.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    private static IEnumerable<DockerInstruction> Instructions(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var first = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var joined = new List<string>();
            while (line.EndsWith('\\'))
            {
                joined.Add(line[..^1].Trim());
                do
                {
                    line = ++i < lines.Length ? lines[i].Trim() : string.Empty;
                }
                while (line.StartsWith('#'));
            }

            joined.Add(line);
            yield return Instruction(string.Join(' ', joined.Where(l => l.Length > 0)), first);
        }
    }

    private static DockerInstruction Instruction(string text, int line)
    {
        var match = InstructionPattern().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"line {line}: not an instruction: {text}");
        }

        var flags = match.Groups["flag"].Captures.Select(c => c.Value.Split('=', 2))
            .ToDictionary(f => f[0], f => f.Length == 2 ? f[1] : string.Empty, StringComparer.Ordinal);
        return new DockerInstruction(match.Groups["keyword"].Value.ToUpperInvariant(), flags, match.Groups["rest"].Value.Trim(), line);
    }

    [GeneratedRegex(@"^(?<keyword>[A-Za-z]+)(\s+--(?<flag>[a-z-]+(=\S*)?))*\s*(?<rest>.*)$")]
    private static partial Regex InstructionPattern();

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")]
    private static partial Regex Variable();
}
