using System.Text.Json;

namespace MetalLb.Cli.Tests;

public class ValidateCommandTests
{
    private const string OverlappingPools = """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata:
          name: a
          namespace: metallb-system
        spec:
          addresses: ["10.0.0.0/16"]
        ---
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata:
          name: b
          namespace: metallb-system
        spec:
          addresses: ["10.0.3.0/24"]
        """;

    [Fact]
    public async Task Validate_Examples_AreValidAndSummarised()
    {
        var (code, output, error) = await CliRunner.RunAsync("validate", "-f", CliRunner.Examples);

        Assert.True(code == 0, output + error);
        Assert.Contains("valid: ", output, StringComparison.Ordinal);
        Assert.Contains("pool manifest-pack: 192.168.250.48-192.168.250.55 -> 8 IPv4", output, StringComparison.Ordinal);
        Assert.Contains("pool first-pool: 192.168.10.0/24 -> 254 IPv4", output, StringComparison.Ordinal);
        Assert.Contains("0 errors, 0 warnings", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ExamplesInFrrMode_AreValid()
    {
        var (code, output, _) = await CliRunner.RunAsync("validate", "-f", CliRunner.Examples, "--bgp-mode", "frr");

        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Validate_WhenPoolsOverlap_PrintsPathKindNameMessageAndExits1()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var file = Path.Combine(dir.FullName, "pools.yaml");
            await File.WriteAllTextAsync(file, OverlappingPools);

            var (code, output, _) = await CliRunner.RunAsync("validate", "-f", file);

            Assert.Equal(1, code);
            Assert.Contains(
                $"{file}: IPAddressPool/b: spec.addresses: CIDR \"10.0.3.0/24\" in pool \"b\" overlaps with already defined CIDR \"10.0.0.0/16\" in pool \"a\"",
                output,
                StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Validate_FromStdinAsJson_PrintsProblemsShape()
    {
        var (code, output, _) = await CliRunner.RunWithStdinAsync(OverlappingPools, "validate", "-f", "-", "-o", "json");

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var problem = Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal("-", problem.GetProperty("file").GetString());
        Assert.Equal("IPAddressPool", problem.GetProperty("kind").GetString());
        Assert.Equal("b", problem.GetProperty("name").GetString());
        Assert.Equal("spec.addresses", problem.GetProperty("field").GetString());
        Assert.Contains("overlaps", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenValidJson_PrintsValidTrue()
    {
        var (code, output, _) = await CliRunner.RunAsync("validate", "-f", CliRunner.Examples, "-o", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Empty(json.RootElement.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Validate_WhenFieldHasWrongType_ReportsFieldPathAndExits1()
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: p, namespace: metallb-system}
            spec:
              addresses: ["10.0.0.0/24"]
              autoAssign: "maybe"
            """;

        var (code, output, _) = await CliRunner.RunWithStdinAsync(yaml, "validate", "-f", "-");

        Assert.Equal(1, code);
        Assert.Contains("-: IPAddressPool/p: spec.autoAssign:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenNamespaceLacksLabels_SaysWhichToAdd()
    {
        const string yaml = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: metallb-system
              labels:
                pod-security.kubernetes.io/enforce: privileged
                pod-security.kubernetes.io/audit: privileged
            """;

        var (code, output, _) = await CliRunner.RunWithStdinAsync(yaml, "validate", "-f", "-");

        Assert.Equal(1, code);
        Assert.Contains("-: Namespace/metallb-system: metadata.labels: namespace \"metallb-system\" lacks label pod-security.kubernetes.io/warn", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenObjectInOtherNamespace_HonoursNamespaceOption()
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: p, namespace: lb}
            spec: {addresses: ["10.0.0.0/24"]}
            """;

        var inDefault = await CliRunner.RunWithStdinAsync(yaml, "validate", "-f", "-");
        var inLb = await CliRunner.RunWithStdinAsync(yaml, "validate", "-f", "-", "--namespace", "lb");

        Assert.Equal(1, inDefault.Code);
        Assert.Contains("resource must be created in metallb-system namespace", inDefault.Out, StringComparison.Ordinal);
        Assert.Equal(0, inLb.Code);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "-f", "examples", "--bgp-mode", "bird")]
    [InlineData("validate", "-f", "examples", "-o", "yaml")]
    [InlineData("validate", "--frobnicate")]
    [InlineData("frobnicate")]
    public async Task Run_WhenUsageIsWrong_Exits2WithMessage(params string[] args)
    {
        var (code, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.StartsWith("metallb-svc: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenFileMissing_Exits2()
    {
        var (code, _, error) = await CliRunner.RunAsync("validate", "-f", "/nonexistent/metallb.yaml");

        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/metallb.yaml", error, StringComparison.Ordinal);
    }
}
