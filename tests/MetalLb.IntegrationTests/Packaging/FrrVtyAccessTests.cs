using System.Text.Json.Nodes;
using MetalLb.IntegrationTests.Deploy;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>
/// In FRR mode the announcer runs <c>vtysh</c> and <c>frr-reload.py</c> as root against the FRR sidecar's vty sockets,
/// which FRR's daemons create as their own user, mode 0770, group frrvty. Checked with a real bgpd (run as FRR runs
/// it, as the frr user) and vtysh as root holding only the capabilities deploy/ gives the announcer container.
/// </summary>
public sealed class FrrVtyAccessTests
{
    private const string Answer = "BGP instance not found";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [RootFact]
    public async Task VtyshAsRoot_ReachesFrrsSockets_WithTheFrrModeCapabilities_NotWithTheDefaultOnes()
    {
        var frrMode = Capabilities(RepoPaths.Combine("deploy", "frr", "announcer-frr.yaml"));
        var defaults = Capabilities(RepoPaths.Combine("deploy", "base", "announcer.yaml"));
        var directory = Directory.CreateTempSubdirectory("metallb-frr-vty-");
        var pidFile = Path.Combine(directory.FullName, "bgpd.pid");
        try
        {
            // A pod's shared emptyDir is world-writable; the sockets' own mode is what keeps root out.
            await Succeed("chmod", ["777", directory.FullName]);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "bgpd.conf"), "hostname vty-access\n");
            await Succeed("chown", ["frr:frr", Path.Combine(directory.FullName, "bgpd.conf")]);
            await Succeed("/usr/lib/frr/bgpd", [
                "-d", "-n", "-p", "0", "-P", "0", "--vty_socket", directory.FullName, "-z", Path.Combine(directory.FullName, "zserv.api"),
                "-i", pidFile, "-f", Path.Combine(directory.FullName, "bgpd.conf")]);
            await WaitForAsync(Path.Combine(directory.FullName, "bgpd.vty"));

            var denied = await VtyshAsync(directory.FullName, defaults);
            var allowed = await VtyshAsync(directory.FullName, frrMode);

            Assert.Equal(["NET_RAW", "NET_ADMIN"], defaults);
            Assert.DoesNotContain(Answer, denied.StandardOutput + denied.StandardError, StringComparison.Ordinal);
            Assert.Contains(Answer, allowed.StandardOutput + allowed.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), out var pid))
            {
                using var bgpd = System.Diagnostics.Process.GetProcessById(pid);
                bgpd.Kill();
                await bgpd.WaitForExitAsync();
            }

            directory.Delete(recursive: true);
        }
    }

    [RootFact]
    public async Task Chart_InFrrMode_GivesTheAnnouncerTheCapabilitiesOfDeployFrr()
    {
        var rendered = YamlDocuments.Parse(await HelmChart.TemplateAsync("--set", "speaker.frr.enabled=true"));

        Assert.Equal(Capabilities(RepoPaths.Combine("deploy", "frr", "announcer-frr.yaml")), Capabilities(rendered));
    }

    /// <summary>The capabilities the announcer container adds in one of deploy/'s manifests or patches.</summary>
    private static List<string> Capabilities(string file) => Capabilities(YamlDocuments.Parse(File.ReadAllText(file)));

    private static List<string> Capabilities(List<JsonObject> documents)
    {
        var daemonSet = documents.Single(d => YamlDocuments.Kind(d) == "DaemonSet");
        var announcer = daemonSet["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single(c => (string?)c!["name"] == "announcer")!;
        return [.. announcer["securityContext"]!["capabilities"]!["add"]!.AsArray().Select(c => (string)c!)];
    }

    // Root whose bounding set holds only these capabilities: what a container's root process gets from them.
    private static Task<ProcessResult> VtyshAsync(string socketDirectory, IEnumerable<string> capabilities) =>
        ProcessRunner.RunAsync(
            "setpriv",
            ["--bounding-set", "-all," + string.Join(',', capabilities.Select(c => "+" + c.ToLowerInvariant())), "--inh-caps", "-all", "--",
                "vtysh", "--vty_socket", socketDirectory, "-d", "bgpd", "-c", "show bgp summary"],
            Timeout);

    private static async Task Succeed(string file, string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(file, arguments, Timeout);
        Assert.True(result.Succeeded, $"{file}: {result}");
    }

    // bgpd has no event to await: the socket appears once it has started.
    private static async Task WaitForAsync(string socket)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!File.Exists(socket))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{socket} did not appear");
            await Task.Delay(100);
        }
    }
}
