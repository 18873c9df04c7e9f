using MetalLb.Domain.Config;
using MetalLb.Domain.Validation;
using MetalLb.Kubernetes.Legacy;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Cli.Commands;

/// <summary>
/// <c>metallb-svc convert</c>: MetalLB's legacy ConfigMap (or its bare config) and the Palette packs' values become
/// metallb.io objects on stdout, checked by the same rules as <c>validate</c>; anything else goes to stderr with its line.
/// </summary>
public static class ConvertCommand
{
    public const string Header = "# metallb.io objects written by metallb-svc convert\n";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console)
    {
        var options = new ArgReader(args, ["file|f", "namespace|n", "bgp-mode|"]);
        var backend = options.Choice("bgp-mode", "native", "native", "frr") == "frr" ? BgpBackend.Frr : BgpBackend.Native;
        var ns = options.Single("namespace");
        if (ns is { Length: 0 })
        {
            throw new UsageException("--namespace must not be empty");
        }

        var paths = options.All("file");
        if (paths.Count == 0)
        {
            throw new UsageException("no input: give at least one -f FILE (or - for stdin)");
        }

        var objects = new ConfigSource();
        var problems = new List<LegacyProblem>();
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            if (await ReadAsync(path, console) is not { } text)
            {
                return ExitCodes.Usage;
            }

            var conversion = LegacyConverter.ConvertDocuments(text, path, ns);
            objects = objects.Concat(conversion.Objects);
            problems.AddRange(conversion.Problems);
            foreach (var skipped in conversion.Skipped)
            {
                await console.Error.WriteLineAsync($"metallb-svc: {path}: skipped {skipped}: not a MetalLB config");
            }
        }

        foreach (var problem in problems)
        {
            await console.Error.WriteLineAsync($"metallb-svc: {problem}");
        }

        if (problems.Count > 0)
        {
            return ExitCodes.Invalid;
        }

        return await CheckAndWriteAsync(objects, ns, backend, console);
    }

    /// <summary>Writes the objects only when they are valid together: a pipe into <c>kubectl apply</c> never gets half a config.</summary>
    private static async Task<int> CheckAndWriteAsync(ConfigSource objects, string? ns, BgpBackend backend, CliConsole console)
    {
        var namespaces = objects.MetalLbObjects.Select(o => o.Metadata.Namespace ?? "").Distinct(StringComparer.Ordinal).ToArray();
        if (namespaces.Length == 0)
        {
            await console.Error.WriteLineAsync("metallb-svc: the input holds no MetalLB configuration to convert");
            return ExitCodes.Invalid;
        }

        if (namespaces.Length > 1)
        {
            await console.Error.WriteLineAsync(
                $"metallb-svc: the inputs name different namespaces ({string.Join(", ", namespaces)}); choose one with --namespace");
            return ExitCodes.Invalid;
        }

        var validation = new ValidationOptions { MetalLbNamespace = ns ?? namespaces[0], BgpBackend = backend };
        var lines = ConfigValidator.Validate(objects, validation).Problems.Select(ProblemLine.From).ToArray();
        foreach (var line in lines)
        {
            await console.Error.WriteLineAsync($"metallb-svc: {line}");
        }

        if (lines.Any(l => !l.IsWarning))
        {
            return ExitCodes.Invalid;
        }

        await console.Out.WriteAsync(Header + ManifestWriter.Write(objects));
        return ExitCodes.Ok;
    }

    private static async Task<string?> ReadAsync(string path, CliConsole console)
    {
        if (path == "-")
        {
            return await console.In.ReadToEndAsync();
        }

        try
        {
            return await File.ReadAllTextAsync(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException when Directory.Exists(path) => "is a directory",
                UnauthorizedAccessException => "permission denied",
                _ => ex.Message,
            };
            await console.Error.WriteLineAsync($"metallb-svc: {path}: {reason}");
            return null;
        }
    }
}
