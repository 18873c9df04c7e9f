namespace MetalLb.Cli;

/// <summary>A small option parser: <c>-f X</c>, <c>--file X</c>, <c>--file=X</c>, flags, and nothing else.</summary>
public sealed class ArgReader
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    /// <param name="args">Arguments after the command name.</param>
    /// <param name="valued">Options that take a value, each as "long|short" (short may be empty).</param>
    /// <param name="flags">Options without a value.</param>
    public ArgReader(IReadOnlyList<string> args, IReadOnlyList<string> valued, IReadOnlyList<string>? flags = null)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in valued)
        {
            var parts = spec.Split('|');
            names["--" + parts[0]] = parts[0];
            if (parts.Length > 1 && parts[1].Length > 0)
            {
                names["-" + parts[1]] = parts[0];
            }
        }

        var flagNames = (flags ?? []).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            if (arg.StartsWith("--", StringComparison.Ordinal) && flagNames.Contains(arg[2..]) && inline is null)
            {
                _flags.Add(arg[2..]);
                continue;
            }

            if (!names.TryGetValue(arg, out var name))
            {
                throw new UsageException($"unknown argument \"{args[i]}\"");
            }

            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"option {arg} needs a value"));
            if (!_values.TryGetValue(name, out var list))
            {
                _values[name] = list = [];
            }

            list.Add(value);
        }
    }

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public string? Single(string name)
    {
        var all = All(name);
        return all.Count switch
        {
            0 => null,
            1 => all[0],
            _ => throw new UsageException($"option --{name} given more than once"),
        };
    }

    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The value of <paramref name="name"/>, which must be one of <paramref name="allowed"/>.</summary>
    public string Choice(string name, string fallback, params string[] allowed)
    {
        var value = Single(name) ?? fallback;
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new UsageException($"--{name} must be one of {string.Join(", ", allowed)}, not \"{value}\"");
    }
}
