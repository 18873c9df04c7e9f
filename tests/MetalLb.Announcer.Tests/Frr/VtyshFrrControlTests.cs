using System.Runtime.Versioning;
using MetalLb.Announcer.Frr;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MetalLb.Announcer.Tests.Frr;

/// <summary>
/// The control with a stand-in for frr-reload that echoes the configuration it is given (FRR's tools echo the lines
/// they reject) and fails: the error must carry FRR's words but not the password, and the file must be private.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class VtyshFrrControlTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("frr-control-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task FailedReload_ThrowsFrrsOutput_WithThePasswordMasked_AndTheFileIsPrivate()
    {
        var control = Control(exitCode: 1);

        var error = await Assert.ThrowsAsync<FrrUnavailableException>(() => control.ApplyAsync("router bgp 64512\n neighbor 192.0.2.2 password s3cret\n", default));

        Assert.StartsWith("reload 1 exited 1: line 2: % Unknown command: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("reload 3 exited 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("neighbor 192.0.2.2 password <redacted>", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "frr.conf")));
    }

    [Fact]
    public async Task Reload_ThatExitsZero_IsApplied_AndThePreviousFileIsReplacedWhole()
    {
        var control = Control(exitCode: 0);

        await control.ApplyAsync("hostname a\n", default);
        await control.ApplyAsync("hostname b\n", default);

        Assert.Equal("hostname b\n", await File.ReadAllTextAsync(Path.Combine(_directory, "frr.conf")));
        Assert.Equal(["frr.conf", "reload", "vtysh.conf"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reload_LeavingADifference_IsRunAgain_UntilFrrReloadFindsNothingToChange()
    {
        var script = Path.Combine(_directory, "reload");
        var calls = Path.Combine(_directory, "calls");
        File.WriteAllText(script, $"""
            #!/bin/sh
            echo "$1" >> {calls}
            if [ "$1" = --test ] && [ $(grep -c -- --test {calls}) -eq 1 ]; then printf 'Lines To Delete\n===\nrouter bgp 64512\n no neighbor 192.0.2.2 bfd\n'; fi
            exit 0

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var control = new VtyshFrrControl(Options.Create(new FrrOptions { ConfigDirectory = _directory, ReloadCommand = script }), NullLogger<VtyshFrrControl>.Instance);

        await control.ApplyAsync("hostname a\n", default);

        Assert.Equal(["--reload", "--test", "--reload", "--test"], await File.ReadAllLinesAsync(calls));
    }

    [Fact]
    public async Task MissingReloadTool_IsFrrUnavailable()
    {
        var control = new VtyshFrrControl(
            Options.Create(new FrrOptions { ConfigDirectory = _directory, ReloadCommand = Path.Combine(_directory, "absent") }),
            NullLogger<VtyshFrrControl>.Instance);

        await Assert.ThrowsAsync<FrrUnavailableException>(() => control.ApplyAsync("hostname a\n", default));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("2026-11-26 11:50:55,946 WARNING: x\n\nLines To Delete\n===============\nno hostname vm\n\nLines To Add\n============\nhostname node-a\n", 0)]
    [InlineData("Lines To Delete\n===============\nrouter bgp 64512\n no neighbor 192.0.2.2 bfd\n", 2)]
    [InlineData("Lines To Add\n============\nhostname node-a\nip prefix-list x permit 203.0.113.1/32\n", 1)]
    public void Delta_IsWhatFrrReloadWouldStillChange_LessTheHostname(string testOutput, int lines)
    {
        Assert.Equal(lines, VtyshFrrControl.Delta(testOutput).Count);
    }

    private VtyshFrrControl Control(int exitCode)
    {
        // The last argument is the file; print it as frr-reload prints the lines it could not apply.
        var script = Path.Combine(_directory, "reload");
        File.WriteAllText(script, $"#!/bin/sh\nfor last; do :; done\necho \"line 2: % Unknown command: $(tail -n 1 \"$last\")\"\nexit {exitCode}\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new VtyshFrrControl(Options.Create(new FrrOptions { ConfigDirectory = _directory, ReloadCommand = script }), NullLogger<VtyshFrrControl>.Instance);
    }
}
