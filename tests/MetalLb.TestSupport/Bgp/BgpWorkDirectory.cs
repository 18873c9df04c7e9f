using System.Globalization;
using System.Text.RegularExpressions;

namespace MetalLb.TestSupport.Bgp;

/// <summary>The work directories of router daemons (config, sockets, pid files, logs), named after the owning process.</summary>
internal static partial class BgpWorkDirectory
{
    public static string Create(string daemon) =>
        Directory.CreateTempSubdirectory($"mlbb-{Environment.ProcessId}-{daemon}-").FullName;

    /// <summary>Deletes the work directories of test processes that are gone.</summary>
    public static void RemoveOrphans()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), "mlbb-*"))
        {
            var match = OwnerPattern().Match(Path.GetFileName(dir));
            if (match.Success && !Directory.Exists($"/proc/{int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)}"))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [GeneratedRegex(@"^mlbb-(\d+)-")]
    private static partial Regex OwnerPattern();
}
