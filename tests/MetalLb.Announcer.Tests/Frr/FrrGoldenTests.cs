using MetalLb.Announcer.Frr;
using MetalLb.TestSupport;

namespace MetalLb.Announcer.Tests.Frr;

/// <summary>
/// Each case of <see cref="FrrGoldenCases"/> renders to its TestData/Frr/&lt;case&gt;/frr.conf byte for byte, and FRR's
/// own parser accepts it. FRR_GOLDEN_UPDATE=1 rewrites the files (review the diff).
/// </summary>
public sealed class FrrGoldenTests
{
    public static TheoryData<string> Cases => [.. FrrGoldenCases.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_MatchesGoldenFile(string name)
    {
        var text = FrrConfigRenderer.Render(FrrGoldenCases.All[name]).Text;

        if (Environment.GetEnvironmentVariable("FRR_GOLDEN_UPDATE") == "1")
        {
            var source = RepoPaths.Combine("tests", "MetalLb.Announcer.Tests", "TestData", "Frr", name);
            Directory.CreateDirectory(source);
            File.WriteAllText(Path.Combine(source, "frr.conf"), text);
        }

        Assert.Equal(File.ReadAllText(GoldenFile(name)), text);
    }

    [VtyshTheory]
    [MemberData(nameof(Cases))]
    public async Task Render_IsAcceptedByVtyshDryRun(string name)
    {
        var file = Path.Combine(Path.GetTempPath(), $"frr-golden-{name}-{Environment.ProcessId}.conf");
        await File.WriteAllTextAsync(file, FrrConfigRenderer.Render(FrrGoldenCases.All[name]).Text);
        try
        {
            var result = await ProcessRunner.RunAsync(VtyshTheoryAttribute.Vtysh, ["--dryrun", "-f", file], TimeSpan.FromSeconds(30));

            Assert.True(result.Succeeded, result.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string GoldenFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Frr", name, "frr.conf");
}
