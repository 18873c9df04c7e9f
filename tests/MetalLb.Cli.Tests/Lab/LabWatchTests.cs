using MetalLb.Cli.Lab;

namespace MetalLb.Cli.Tests.Lab;

public class LabWatchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Watch_ChangedPoolAddresses_ServiceMovesToTheNewRangeWithoutARestart()
    {
        using var dir = new TempDir();
        dir.Write("pool.yaml", LabYaml.Pool("seed", "192.0.2.10-192.0.2.20") + LabYaml.L2Ad("l2"));
        dir.Write("svc.yaml", LabYaml.Service("web"));
        var output = new SignallingWriter();
        var error = new SignallingWriter();
        using var stop = new CancellationTokenSource();
        var run = LabCommand.RunAsync(["-f", dir.Path, "--watch"], new CliConsole(new StringReader(""), output, error), stop.Token);
        await error.WaitForAsync(t => t.Contains("watching", StringComparison.Ordinal), "the watch to start", Timeout);
        Assert.Contains("default/web  192.0.2.10  seed", output.Text);

        dir.Write("pool.yaml", LabYaml.Pool("seed", "198.51.100.10-198.51.100.20") + LabYaml.L2Ad("l2"));
        await output.WaitForAsync(t => t.Contains("default/web  198.51.100.10  seed", StringComparison.Ordinal), "web to move to the new range", Timeout);
        File.Delete(Path.Combine(dir.Path, "svc.yaml"));
        await output.WaitForAsync(
            t => t.Split("---").Last() is var last && last.Contains("POOL", StringComparison.Ordinal) && !last.Contains("default/web", StringComparison.Ordinal),
            "web to be gone after its file was deleted", Timeout);
        await stop.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(Timeout));
        Assert.Matches(@"\nseed\s+0\s+11\s", output.Text.Split("---").Last());
    }
}
