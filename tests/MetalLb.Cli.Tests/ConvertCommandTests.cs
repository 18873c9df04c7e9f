using System.Text.Json;
using MetalLb.Cli.Commands;
using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Entities;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Cli.Tests;

/// <summary>
/// Golden cases in TestData/convert/&lt;case&gt;: <c>input.yaml</c> is fed on stdin (so problems name <c>-</c>), with the
/// arguments in <c>args.txt</c>; <c>expected.yaml</c> is stdout when the conversion succeeds (exit 0), and
/// <c>expected.stderr</c> is stderr (exit 1 when there is no expected.yaml).
/// </summary>
public class ConvertCommandTests
{
    private static readonly string CasesDirectory = Path.Combine(CliRunner.RepoRoot, "tests", "MetalLb.Cli.Tests", "TestData", "convert");

    public static TheoryData<string> Cases => [.. CaseNames(_ => true)];

    public static TheoryData<string> ConvertingCases => [.. CaseNames(dir => File.Exists(Path.Combine(dir, "expected.yaml")))];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Convert_GoldenCase_WritesTheExpectedOutputAndProblems(string name)
    {
        var dir = Path.Combine(CasesDirectory, name);
        var expectedYaml = ReadOptional(dir, "expected.yaml");

        var (code, output, error) = await RunCaseAsync(dir);

        Assert.Equal(ReadOptional(dir, "expected.stderr") ?? "", error);
        Assert.Equal(expectedYaml ?? "", output);
        Assert.Equal(expectedYaml is null ? ExitCodes.Invalid : ExitCodes.Ok, code);
    }

    [Theory]
    [MemberData(nameof(ConvertingCases))]
    public async Task Convert_Output_PassesValidateAndReadsBackToTheSameObjects(string name)
    {
        var dir = Path.Combine(CasesDirectory, name);
        var (_, output, _) = await RunCaseAsync(dir);
        var temp = Directory.CreateTempSubdirectory();
        try
        {
            var file = Path.Combine(temp.FullName, "converted.yaml");
            await File.WriteAllTextAsync(file, output);
            var reread = ManifestReader.ReadText(output, "converted.yaml");
            var ns = Assert.Single(reread.Objects.MetalLbObjects.Select(o => o.Metadata.Namespace).Distinct());
            var bgpMode = Args(dir).SkipWhile(a => a != "--bgp-mode").Take(2);

            var (code, report, _) = await CliRunner.RunAsync(["validate", "-f", file, "--namespace", ns!, .. bgpMode]);

            Assert.True(code == ExitCodes.Ok, report);
            Assert.Empty(reread.Problems);
            Assert.Equal(output, ConvertCommand.Header + ManifestWriter.Write(reread.Objects));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("manifest-pack-values", "palette-manifest-pack.yaml")]
    [InlineData("helm-pack-values", "palette-helm-pack.yaml")]
    public async Task Convert_SeedPackValues_GiveTheObjectsOfTheExamples(string name, string example)
    {
        var (code, output, _) = await RunCaseAsync(Path.Combine(CasesDirectory, name));

        Assert.Equal(ExitCodes.Ok, code);
        var converted = ManifestReader.ReadText(output, "converted.yaml").Objects;
        var expected = ManifestReader.ReadFile(Path.Combine(CliRunner.Examples, example)).Objects;
        Assert.Equal(Describe(expected), Describe(converted));
    }

    [Fact]
    public async Task Convert_File_NamesTheFileAndTheConfigKeyInProblems()
    {
        var temp = Directory.CreateTempSubdirectory();
        try
        {
            var file = Path.Combine(temp.FullName, "cm.yaml");
            await File.WriteAllTextAsync(file, await File.ReadAllTextAsync(Path.Combine(CasesDirectory, "error-configmap", "input.yaml")));

            var (code, output, error) = await CliRunner.RunAsync("convert", "-f", file);

            Assert.Equal(ExitCodes.Invalid, code);
            Assert.Equal("", output);
            Assert.Contains($"metallb-svc: {file}: config:9:3: address pool \"l2\" has no protocol (layer2 or bgp)", error, StringComparison.Ordinal);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Convert_InputsInDifferentNamespaces_AskForOneUnlessNamespaceIsGiven()
    {
        var temp = Directory.CreateTempSubdirectory();
        try
        {
            var list = Path.Combine(temp.FullName, "list.yaml");
            var values = Path.Combine(temp.FullName, "values.yaml");
            File.Copy(Path.Combine(CasesDirectory, "configmap-list", "input.yaml"), list);
            File.Copy(Path.Combine(CasesDirectory, "manifest-pack-values", "input.yaml"), values);

            var (code, output, error) = await CliRunner.RunAsync("convert", "-f", list, "-f", values);
            var (codeWithNamespace, outputWithNamespace, _) = await CliRunner.RunAsync("convert", "-f", list, "-f", values, "--namespace", "lb");

            Assert.Equal(ExitCodes.Invalid, code);
            Assert.Equal("", output);
            Assert.Contains("the inputs name different namespaces (metallb, metallb-system); choose one with --namespace", error, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Ok, codeWithNamespace);
            var objects = ManifestReader.ReadText(outputWithNamespace, "out.yaml").Objects;
            Assert.Equal(["manifest-pack", "office"], objects.Pools.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal));
            Assert.All(objects.MetalLbObjects, o => Assert.Equal("lb", o.Metadata.Namespace));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Convert_MissingFile_IsAReadErrorWithExitCode2()
    {
        var (code, output, error) = await CliRunner.RunAsync("convert", "-f", "/nonexistent/config.yaml");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.Equal("metallb-svc: /nonexistent/config.yaml: no such file\n", error);
    }

    [Fact]
    public async Task Convert_WithoutFile_IsAUsageError()
    {
        var (code, _, error) = await CliRunner.RunAsync("convert");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("metallb-svc: no input: give at least one -f FILE", error, StringComparison.Ordinal);
    }

    private static IEnumerable<string> CaseNames(Func<string, bool> filter) =>
        Directory.GetDirectories(CasesDirectory).Where(filter).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    private static async Task<(int Code, string Out, string Err)> RunCaseAsync(string dir) =>
        await CliRunner.RunWithStdinAsync(await File.ReadAllTextAsync(Path.Combine(dir, "input.yaml")), ["convert", "-f", "-", .. Args(dir)]);

    private static string[] Args(string dir) =>
        ReadOptional(dir, "args.txt")?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static string? ReadOptional(string dir, string file)
    {
        var path = Path.Combine(dir, file);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    /// <summary>Kind, namespace, name and spec as JSON, in a stable order: what two sets of objects must agree on.</summary>
    private static string[] Describe(ConfigSource objects) =>
        [.. objects.MetalLbObjects
            .Select(o => $"{o.Kind} {o.Metadata.Namespace}/{o.Metadata.Name} {JsonSerializer.Serialize(SpecOf(o), SpecOf(o).GetType(), MetalLbJson.Options)}")
            .Order(StringComparer.Ordinal)];

    private static object SpecOf(IMetalLbObject o) => o switch
    {
        IpAddressPool p => p.Spec,
        L2Advertisement a => a.Spec,
        _ => throw new InvalidOperationException($"unexpected {o.Kind} in a pack"),
    };
}
