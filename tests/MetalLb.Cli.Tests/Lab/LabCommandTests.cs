using System.Text.Json;

namespace MetalLb.Cli.Tests.Lab;

public class LabCommandTests
{
    [Fact]
    public async Task Lab_Examples_SeedPoolsFirstServiceGets48_EveryServiceAnnouncedByTheNodesThemselves()
    {
        var (code, output, error) = await CliRunner.RunAsync("lab", "-f", CliRunner.Examples, "-o", "json");

        Assert.True(code == 0, output + error);
        using var json = JsonDocument.Parse(output);
        var services = Services(json);
        var web = services["default/web"];
        Assert.Equal(["192.168.250.48"], Strings(web.GetProperty("ips")));
        Assert.Equal("manifest-pack", web.GetProperty("pool").GetString());
        Assert.Single(Strings(web.GetProperty("l2").GetProperty("192.168.250.48")));
        Assert.Equal(["node-b"], Strings(services["default/ingress-local"].GetProperty("l2").GetProperty("192.168.10.2")));
        var dual = services["default/dual"];
        Assert.Equal(["198.51.100.0", "2001:db8:100::"], Strings(dual.GetProperty("ips")));
        var routes = dual.GetProperty("bgp").EnumerateArray().ToArray();
        Assert.Equal(["node-a", "node-b"], routes.Select(r => r.GetProperty("node").GetString()).Distinct().Order());
        Assert.Contains(routes, r => r.GetProperty("prefix").GetString() == "2001:db8:100::/128");
        var nodes = json.RootElement.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!);
        var webNode = Strings(web.GetProperty("l2").GetProperty("192.168.250.48"))[0];
        Assert.Contains("gratuitous ARP 192.168.250.48 on all interfaces", Strings(nodes[webNode].GetProperty("sent")));
        Assert.Contains(Strings(nodes["node-a"].GetProperty("sent")), s => s.StartsWith("BGP UPDATE to upstream: 2001:db8:100::/128", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lab_Examples_GivesTheSameIpsAndL2NodesAsPlan()
    {
        var lab = await CliRunner.RunAsync("lab", "-f", CliRunner.Examples, "-o", "json");
        var plan = await CliRunner.RunAsync("plan", "-f", CliRunner.Examples, "-o", "json");

        using var labJson = JsonDocument.Parse(lab.Out);
        using var planJson = JsonDocument.Parse(plan.Out);
        var labServices = Services(labJson);
        foreach (var planned in planJson.RootElement.GetProperty("services").EnumerateArray())
        {
            var key = $"{planned.GetProperty("namespace").GetString()}/{planned.GetProperty("name").GetString()}";
            Assert.Equal(Strings(planned.GetProperty("ips")), Strings(labServices[key].GetProperty("ips")));
            foreach (var l2 in planned.GetProperty("l2").EnumerateObject())
            {
                Assert.Equal([l2.Value.GetString()!], Strings(labServices[key].GetProperty("l2").GetProperty(l2.Name)));
            }
        }
    }

    [Fact]
    public async Task Lab_OneNode_TakesEveryL2Ip_LocalServiceWithoutEndpointThereIsNotAnnounced()
    {
        var (code, output, error) = await CliRunner.RunAsync("lab", "-f", CliRunner.Examples, "--nodes", "1");

        Assert.True(code == 0, output + error);
        Assert.Contains("L2 192.168.250.48 -> node-a", output);
        Assert.Contains("L2 192.168.10.1 -> node-a", output);
        Assert.Contains("default/ingress-local  192.168.10.2", output);
        Assert.Contains("not announced: no simulated node among its L2 candidates (node-b) is up", output);
        Assert.DoesNotContain("node-b:", output);
    }

    [Fact]
    public async Task Lab_MoreNodesThanTheInputHas_AddsLabNodes()
    {
        var (code, output, error) = await CliRunner.RunAsync("lab", "-f", CliRunner.Examples, "--nodes", "5", "-o", "json");

        Assert.True(code == 0, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(
            ["lab-node-1", "lab-node-2", "node-a", "node-b", "node-c"],
            json.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Lab_OverlappingPool_IsDeniedByAdmission_NamingPoolAndField_RestStillRuns()
    {
        using var dir = new TempDir();
        dir.Write("pools.yaml", LabYaml.Pool("seed", "192.0.2.10-192.0.2.20") + LabYaml.Pool("clash", "192.0.2.15/32") + LabYaml.L2Ad("l2"));
        dir.Write("svc.yaml", LabYaml.Service("web"));

        var (code, output, error) = await CliRunner.RunAsync("lab", "-f", dir.Path);

        Assert.Equal(1, code);
        Assert.Contains("denied: apply IPAddressPool/clash", error);
        Assert.Contains("192.0.2.15/32", error);
        Assert.Contains("default/web  192.0.2.10  seed", output);
    }

    [Fact]
    public async Task Lab_ServiceAskingForAnIpOutsideEveryPool_IsDeniedAtAdmission()
    {
        using var dir = new TempDir();
        dir.Write("all.yaml", LabYaml.Pool("seed", "192.0.2.10-192.0.2.20") + LabYaml.L2Ad("l2") + LabYaml.Service("web", "203.0.113.9"));

        var (code, _, error) = await CliRunner.RunAsync("lab", "-f", dir.Path);

        Assert.Equal(1, code);
        Assert.Contains("denied: apply Service/web", error);
        Assert.Contains("203.0.113.9", error);
    }

    [Fact]
    public async Task Lab_MissingPath_IsAReadError()
    {
        var (code, _, error) = await CliRunner.RunAsync("lab", "-f", "/nonexistent/metallb");

        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/metallb", error);
    }

    [Theory]
    [InlineData("--nodes", "0", "--nodes \"0\"")]
    [InlineData("--nodes", "two", "--nodes \"two\"")]
    [InlineData("--broker", "http://127.0.0.1/", "the scheme must be amqp or amqps")]
    [InlineData("--broker", "not a url", "--broker \"not a url\"")]
    public async Task Lab_BadOption_IsAUsageErrorNamingIt(string option, string value, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("lab", "-f", CliRunner.Examples, option, value);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    private static Dictionary<string, JsonElement> Services(JsonDocument json) =>
        json.RootElement.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("service").GetString()!);

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
