using System.Globalization;

namespace MetalLb.Benchmarks.L2Failover;

/// <summary>A process's resident memory, CPU time so far and open descriptors, from <c>/proc/PID/status</c>, <c>stat</c> and <c>fd</c>.</summary>
internal sealed record ProcessSample(long Nanos, double RssMiB, double PeakRssMiB, double CpuSeconds, int OpenFiles)
{
    /// <summary>USER_HZ: utime and stime count clock ticks of 1/100 s on Linux.</summary>
    private const double TicksPerSecond = 100;

    public static ProcessSample Read(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        double Kib(string field) => double.Parse(
            status.First(l => l.StartsWith(field, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            CultureInfo.InvariantCulture) / 1024;
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // Fields after the command (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
        return new ProcessSample(Clock.UnixNanoseconds(), Kib("VmRSS:"), Kib("VmHWM:"), ticks / TicksPerSecond, Directory.GetFiles($"/proc/{pid}/fd").Length);
    }
}
