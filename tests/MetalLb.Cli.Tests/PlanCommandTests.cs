using System.Text.Json;

namespace MetalLb.Cli.Tests;

public class PlanCommandTests
{
    [Fact]
    public async Task Plan_Examples_AllocatesAndAnnouncesEveryService()
    {
        var (code, output, error) = await CliRunner.RunAsync("plan", "-f", CliRunner.Examples, "-o", "json");

        Assert.True(code == 0, output + error);
        using var json = JsonDocument.Parse(output);
        var services = json.RootElement.GetProperty("services").EnumerateArray()
            .ToDictionary(s => $"{s.GetProperty("namespace").GetString()}/{s.GetProperty("name").GetString()}");
        var web = services["default/web"];
        Assert.Equal(["192.168.250.48"], web.GetProperty("ips").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("manifest-pack", web.GetProperty("pool").GetString());
        Assert.Equal(JsonValueKind.String, web.GetProperty("l2").GetProperty("192.168.250.48").ValueKind);
        Assert.Equal("192.168.10.53", services["default/dns-tcp"].GetProperty("ips")[0].GetString());
        Assert.Equal("192.168.10.53", services["default/dns-udp"].GetProperty("ips")[0].GetString());
        Assert.Equal("node-b", services["default/ingress-local"].GetProperty("l2").GetProperty("192.168.10.2").GetString());
        var dual = services["default/dual"];
        Assert.Equal(["198.51.100.0", "2001:db8:100::"], dual.GetProperty("ips").EnumerateArray().Select(i => i.GetString()));
        var routes = dual.GetProperty("bgp").EnumerateArray().ToArray();
        Assert.Equal(["node-a", "node-b"], routes.Select(r => r.GetProperty("node").GetString()).Distinct());
        Assert.All(routes, r => Assert.Equal(100u, r.GetProperty("localPref").GetUInt32()));
        Assert.Contains(routes, r => r.GetProperty("prefix").GetString() == "2001:db8:100::/128");
        var pools = json.RootElement.GetProperty("pools").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(3, pools["first-pool"].GetProperty("assignedIPv4").GetInt64());
        Assert.Equal(251, pools["first-pool"].GetProperty("availableIPv4").GetInt64());
    }

    [Fact]
    public async Task Plan_RunTwice_GivesIdenticalOutput()
    {
        var first = await CliRunner.RunAsync("plan", "-f", CliRunner.Examples);
        var second = await CliRunner.RunAsync("plan", "-f", CliRunner.Examples);

        Assert.Equal(0, first.Code);
        Assert.Equal(first.Out, second.Out);
        Assert.Contains("default/web", first.Out, StringComparison.Ordinal);
        Assert.Contains("L2 192.168.250.48 -> ", first.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_WhenStatusHoldsAnIp_KeepsItAndPendingServiceGetsAnother()
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: tiny, namespace: metallb-system}
            spec: {addresses: ["192.0.2.10-192.0.2.11"]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: a, namespace: default}
            spec: {type: LoadBalancer, clusterIP: 10.96.0.1, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: b, namespace: default}
            spec: {type: LoadBalancer, clusterIP: 10.96.0.2, ports: [{port: 80}]}
            status: {loadBalancer: {ingress: [{ip: 192.0.2.10}]}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: c, namespace: default}
            spec: {type: LoadBalancer, clusterIP: 10.96.0.3, ports: [{port: 80}]}
            """;

        var (code, output, error) = await CliRunner.RunWithStdinAsync(yaml, "plan", "-f", "-", "-o", "json");

        Assert.True(code == 0, output + error);
        using var json = JsonDocument.Parse(output);
        var byName = json.RootElement.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal("192.0.2.10", byName["b"].GetProperty("ips")[0].GetString());
        Assert.Equal("192.0.2.11", byName["a"].GetProperty("ips")[0].GetString());
        Assert.Equal(0, byName["c"].GetProperty("ips").GetArrayLength());
        Assert.StartsWith("no available IPs", byName["c"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("tiny", byName["c"].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_WhenInputInvalid_PrintsProblemsAndExits1()
    {
        const string yaml = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: bad, namespace: metallb-system}
            spec: {addresses: ["192.0.2.0/33"]}
            """;

        var (code, output, _) = await CliRunner.RunWithStdinAsync(yaml, "plan", "-f", "-");

        Assert.Equal(1, code);
        Assert.Contains("-: IPAddressPool/bad: spec.addresses[0]: invalid CIDR \"192.0.2.0/33\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_WithLbClass_IgnoresServicesOfOtherClasses()
    {
        var (code, output, _) = await CliRunner.RunAsync("plan", "-f", CliRunner.Examples, "--lb-class", "other", "-o", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Empty(json.RootElement.GetProperty("services").EnumerateArray());
    }
}
