using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using SharpPcap;
using SharpPcap.LibPcap;

namespace MetalLb.Benchmarks.L2Failover;

/// <summary>
/// <c>l2-probe</c>, run inside the client namespace by <see cref="ProbeProcess"/>: sends ARP requests and neighbour
/// solicitations round-robin over its targets, one every interval, through libpcap (iputils arping cannot go below one
/// second). It does not read replies: the capture on the same interface times both directions.
/// </summary>
internal static class L2Probe
{
    public const string Mode = "l2-probe";
    public const string Ready = "probing";

    /// <param name="args"><c>INTERFACE MAC IPV4 IPV6 INTERVAL_MS COUNT TARGET...</c>; COUNT 0 = until killed.</param>
    public static int Run(string[] args)
    {
        if (args.Length < 7)
        {
            Console.Error.WriteLine("usage: l2-probe INTERFACE MAC IPV4 IPV6 INTERVAL_MS COUNT TARGET...");
            return 2;
        }

        var mac = PhysicalAddress.Parse(args[1].Replace(':', '-').ToUpperInvariant());
        var (ipv4, ipv6) = (IPAddress.Parse(args[2]), IPAddress.Parse(args[3]));
        var interval = TimeSpan.FromMilliseconds(double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
        var count = int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);
        var frames = args[6..].Select(t => ProbeFrames.Build(mac, ipv4, ipv6, IPAddress.Parse(t))).ToArray();
        using var device = LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == args[0])
            ?? throw new InvalidOperationException($"libpcap does not list {args[0]}");
        device.Open(new DeviceConfiguration { Mode = DeviceModes.None, Immediate = true });
        Console.WriteLine(Ready);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        for (var next = TimeSpan.Zero; count == 0 || sent < count; next += interval)
        {
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }

            device.SendPacket(frames[sent % frames.Length]);
            sent++;
        }

        Console.WriteLine($"sent {sent}");
        return 0;
    }
}
