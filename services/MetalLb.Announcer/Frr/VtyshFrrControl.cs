using Microsoft.Extensions.Options;

namespace MetalLb.Announcer.Frr;

/// <summary>
/// Reaches FRR through its own tools over the vty sockets: the configuration goes through frr-reload (a delta
/// reload: only lines that differ from the running configuration are added or removed, so a route change does not
/// touch the sessions), the sessions are read with vtysh. Unix sockets work across network namespaces, so the
/// announcer need not run in FRR's.
/// </summary>
public sealed class VtyshFrrControl(IOptions<FrrOptions> options, ILogger<VtyshFrrControl> logger) : IFrrControl
{
    private const string NeighborsCommand = "show bgp vrf all neighbors json";
    private readonly FrrOptions _options = options.Value;

    /// <summary>Reloads and checks, up to this often, until frr-reload finds nothing left to change.</summary>
    private const int Rounds = 3;

    public async Task ApplyAsync(string configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var file = _options.ConfigFile;
        var directory = Path.GetDirectoryName(file)!;
        var secrets = FrrRedaction.SecretsIn(configuration);
        await WriteAsync(file, directory, configuration, cancellationToken).ConfigureAwait(false);

        // One reload is not always enough, and its exit code says little: frr-reload runs its additions twice and FRR
        // refuses to repeat some ("neighbor X graceful-restart": "not valid at this moment"), which stops vtysh short
        // of the lines after it; and removals run in an order FRR does not always take ("no neighbor X bfd" before
        // "no neighbor X bfd profile P" leaves BFD on). What counts is whether frr-reload --test finds anything left.
        var log = new List<string>();
        for (var round = 1; round <= Rounds; round++)
        {
            var (exit, output) = await ReloadAsync("--reload", file, directory, cancellationToken).ConfigureAwait(false);
            var (testExit, remaining) = await ReloadAsync("--test", file, directory, cancellationToken).ConfigureAwait(false);
            var delta = testExit == 0 ? Delta(remaining) : [$"frr-reload --test exited {testExit}: {remaining.Trim()}"];
            log.Add($"reload {round} exited {exit}: {output.Trim()}\nstill to change: {string.Join('\n', delta)}");
            if (delta.Count == 0)
            {
                if (round > 1 || exit != 0)
                {
                    var rounds = FrrRedaction.Redact(string.Join('\n', log), secrets);
                    FrrLog.ReloadTookRounds(logger, round, rounds);
                }

                return;
            }
        }

        throw new FrrUnavailableException(FrrRedaction.Redact(string.Join('\n', log), secrets));
    }

    public async Task<string> ReadNeighborsAsync(CancellationToken cancellationToken)
    {
        var (exit, output) = await FrrProcess.RunAsync(
            _options.Vtysh, ["--vty_socket", _options.VtySocketDirectory, "-c", NeighborsCommand], _options.QueryTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (exit != 0)
        {
            throw new FrrUnavailableException($"vtysh exited {exit}: {FrrRedaction.Redact(output, []).Trim()}");
        }

        // vtysh prints its own warnings (a missing vtysh.conf) before the JSON.
        var json = output.IndexOf('{', StringComparison.Ordinal);
        return json < 0 ? "{}" : output[json..];
    }

    /// <summary>
    /// The lines <c>frr-reload --test</c> would still change, less <c>hostname</c>: FRR 8.4's daemons keep the
    /// system's host name and vtysh reports that, so a <c>hostname</c> line never compares equal.
    /// </summary>
    internal static IReadOnlyList<string> Delta(string testOutput) =>
        [.. testOutput.Split('\n')
            .Select(l => l.TrimEnd())
            .SkipWhile(l => l is not ("Lines To Delete" or "Lines To Add"))
            .Where(l => l.Length > 0 && l is not ("Lines To Delete" or "Lines To Add") && !l.StartsWith("===", StringComparison.Ordinal)
                && !l.StartsWith("hostname ", StringComparison.Ordinal) && !l.StartsWith("no hostname ", StringComparison.Ordinal))];

    private Task<(int ExitCode, string Output)> ReloadAsync(string mode, string file, string directory, CancellationToken cancellationToken) =>
        FrrProcess.RunAsync(
            _options.ReloadCommand,
            [
                mode, "--stdout", "--log-level", "warning",
                "--bindir", Path.GetDirectoryName(Path.GetFullPath(_options.Vtysh))!,
                "--confdir", directory, "--rundir", directory,
                "--vty_socket", _options.VtySocketDirectory,
                file,
            ],
            _options.ReloadTimeout,
            cancellationToken);

    /// <summary>Writes the file whole (a temporary file renamed over it), readable by its owner only: it holds passwords.</summary>
    private static async Task WriteAsync(string file, string directory, string configuration, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);

        // vtysh, which frr-reload runs with --config_dir, warns on every call when the directory has no vtysh.conf.
        var vtyshConf = Path.Combine(directory, "vtysh.conf");
        if (!File.Exists(vtyshConf))
        {
            await File.WriteAllTextAsync(vtyshConf, "", cancellationToken).ConfigureAwait(false);
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(file)}.{Environment.ProcessId}.tmp");
        File.Delete(temporary);
        var access = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            access.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(temporary, access);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(configuration), cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, file, overwrite: true);
    }
}
