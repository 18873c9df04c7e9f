using MetalLb.Announcer.Frr;
using MetalLb.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>
/// Every golden rendering (tests/MetalLb.Announcer.Tests/TestData/Frr) applied in turn to a real FRR leaves nothing
/// for frr-reload to change: FRR runs exactly what was rendered, written the way FRR writes it back, so a later
/// reload of an unchanged part touches nothing — and going from one case to the next exercises removals too.
/// </summary>
public sealed class FrrRenderingTests
{
    [RootFact]
    public async Task GoldenConfigurations_AreWhatFrrRuns_AfterApplying()
    {
        await using var lab = await FrrLab.StartAsync();
        var options = lab.Options(TimeSpan.Zero);
        var control = new VtyshFrrControl(Microsoft.Extensions.Options.Options.Create(options), NullLogger<VtyshFrrControl>.Instance);
        var cases = Directory.GetDirectories(RepoPaths.Combine("tests", "MetalLb.Announcer.Tests", "TestData", "Frr")).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(cases);
        foreach (var directory in cases)
        {
            await control.ApplyAsync(await File.ReadAllTextAsync(Path.Combine(directory, "frr.conf")), default);

            var test = await ProcessRunner.RunAsync(
                options.ReloadCommand,
                ["--test", "--stdout", "--log-level", "warning", "--confdir", lab.Directory, "--vty_socket", lab.Sockets, options.ConfigFile],
                TimeSpan.FromMinutes(2));
            Assert.True(test.Succeeded, test.ToString());
            Assert.True(VtyshFrrControl.Delta(test.StandardOutput).Count == 0, $"{Path.GetFileName(directory)}: FRR differs from the rendering:\n{test.StandardOutput}");
        }
    }
}
