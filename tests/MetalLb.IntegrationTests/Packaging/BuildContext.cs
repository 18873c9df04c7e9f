namespace MetalLb.IntegrationTests.Packaging;

/// <summary>
/// A build stage's file system laid out in a temporary directory from its COPY instructions, as <c>docker build</c>
/// with the repository root as context and its <c>.dockerignore</c> would: a COPY of a missing or ignored path fails.
/// </summary>
internal sealed class BuildContext : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("metallb-docker-");

    private BuildContext()
    {
    }

    /// <summary>The host directory standing for the stage's <c>/</c>.</summary>
    public string Root => _root.FullName;

    public static BuildContext Stage(DockerStage stage, string contextRoot, DockerIgnore ignore)
    {
        var context = new BuildContext();
        try
        {
            var workDir = "/";
            foreach (var instruction in stage.Instructions)
            {
                if (instruction.Keyword == "WORKDIR")
                {
                    workDir = ContainerPath(workDir, instruction.Arguments);
                    Directory.CreateDirectory(context.HostPath(workDir));
                }
                else if (instruction.Keyword is "COPY" or "ADD" && !instruction.Flags.ContainsKey("from"))
                {
                    context.Copy(instruction, workDir, contextRoot, ignore);
                }
            }

            return context;
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Where a path of the stage's file system lies on this machine.</summary>
    public string HostPath(string containerPath) =>
        Path.Combine(Root, containerPath.TrimStart('/'));

    public static string ContainerPath(string workDir, string path) =>
        path.StartsWith('/') ? path : $"{workDir.TrimEnd('/')}/{path}";

    public void Dispose() => _root.Delete(recursive: true);

    /// <summary>Every file below <paramref name="source"/> (relative to the context) that the context holds.</summary>
    public static IEnumerable<string> ContextFiles(string contextRoot, string source, DockerIgnore ignore)
    {
        var relative = source.Trim('/');
        var full = Path.Combine(contextRoot, relative);
        if (ignore.Excludes(relative) || !(File.Exists(full) || Directory.Exists(full)))
        {
            throw new FileNotFoundException($"COPY {source}: not in the build context (missing, or left out by .dockerignore)");
        }

        if (File.Exists(full))
        {
            return [relative];
        }

        return Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(contextRoot, f).Replace('\\', '/'))
            .Where(f => !ignore.Excludes(f))
            .Order(StringComparer.Ordinal);
    }

    private void Copy(DockerInstruction instruction, string workDir, string contextRoot, DockerIgnore ignore)
    {
        var words = instruction.Words;
        var sources = words.Take(words.Count - 1).ToList();
        var destination = ContainerPath(workDir, words[^1]);
        var intoDirectory = sources.Count > 1 || words[^1].EndsWith('/') || words[^1] == ".";
        foreach (var source in sources)
        {
            if (source.IndexOfAny(['*', '?', '[']) >= 0)
            {
                throw new NotSupportedException($"{instruction}: wildcards are not staged");
            }

            var isDirectory = Directory.Exists(Path.Combine(contextRoot, source.Trim('/')));
            foreach (var file in ContextFiles(contextRoot, source, ignore))
            {
                var target = isDirectory
                    ? Path.Combine(HostPath(destination), Path.GetRelativePath(source.Trim('/'), file))
                    : intoDirectory ? Path.Combine(HostPath(destination), Path.GetFileName(file)) : HostPath(destination);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(contextRoot, file), target, overwrite: true);
            }
        }
    }
}
