using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Cli.Commands;

/// <summary>The objects read from every <c>-f</c> path, and what could not be read.</summary>
public sealed record InputSet(ConfigSource Objects, IReadOnlyList<ManifestProblem> Problems, int Skipped)
{
    public bool HasIoErrors => Problems.Any(p => p.IsIoError);

    /// <summary>Prints the files that could not be read; true when there were any (the command then exits 2).</summary>
    public async Task<bool> ReportIoErrorsAsync(CliConsole console)
    {
        foreach (var problem in Problems.Where(p => p.IsIoError))
        {
            await console.Error.WriteLineAsync($"metallb-svc: {problem}");
        }

        return HasIoErrors;
    }

    /// <summary>Reads every path; <c>-</c> reads the console's standard input once.</summary>
    public static async Task<InputSet> ReadAsync(IReadOnlyList<string> paths, CliConsole console)
    {
        if (paths.Count == 0)
        {
            throw new UsageException("no input: give at least one -f PATH (a file, a directory, or - for stdin)");
        }

        var objects = new ConfigSource();
        var problems = new List<ManifestProblem>();
        var skipped = 0;
        var stdinRead = false;
        foreach (var path in paths)
        {
            ManifestReadResult result;
            if (path == "-")
            {
                if (stdinRead)
                {
                    continue;
                }

                stdinRead = true;
                result = ManifestReader.ReadText(await console.In.ReadToEndAsync(), "-");
            }
            else
            {
                result = ManifestReader.ReadPaths([path]);
            }

            objects = objects.Concat(result.Objects);
            problems.AddRange(result.Problems);
            skipped += result.Skipped.Count;
        }

        return new InputSet(objects, problems, skipped);
    }
}
