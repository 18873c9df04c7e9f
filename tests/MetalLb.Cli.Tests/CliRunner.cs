namespace MetalLb.Cli.Tests;

/// <summary>Runs the CLI in-process with captured streams.</summary>
internal static class CliRunner
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Examples => Path.Combine(RepoRoot, "examples");

    public static async Task<(int Code, string Out, string Err)> RunWithStdinAsync(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CliApp.RunAsync(args, new CliConsole(new StringReader(stdin), output, error));

        return (code, output.ToString(), error.ToString());
    }

    public static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunWithStdinAsync("", args);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "metallb-svc.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("metallb-svc.sln not found above the test binaries");
    }
}
