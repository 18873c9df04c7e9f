namespace MetalLb.TestSupport;

/// <summary>Locates files of this repository from a test run, by walking up to metallb-svc.sln.</summary>
public static class RepoPaths
{
    private const string SolutionFile = "metallb-svc.sln";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory holding metallb-svc.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>tests/support/kube-apiserver.sh.</summary>
    public static string KubeApiServerScript => Combine("tests", "support", "kube-apiserver.sh");

    /// <summary>deploy/crds, the metallb.io CustomResourceDefinitions.</summary>
    public static string Crds => Combine("deploy", "crds");

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException($"no {SolutionFile} above {AppContext.BaseDirectory}");
    }
}
