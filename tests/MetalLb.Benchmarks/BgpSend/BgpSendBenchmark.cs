using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Speaker;
using MetalLb.Domain.Net;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetalLb.Benchmarks.BgpSend;

/// <summary>
/// <c>bgp-send</c>: our speaker as the sender of tests/bench/bgp-routes.sh. It dials the receiver, says when the session
/// is up, then advertises or withdraws all its host routes at once on command, and reports when its own side is done
/// (every UPDATE handed to the socket). The script times the receiver's RIB; this only adds the sender's view and RSS.
/// </summary>
internal static class BgpSendBenchmark
{
    public const string Mode = "bgp-send";
    private const string Peer = "receiver";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BgpSendOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }

        var routes = Routes(options);
        await using var speaker = new BgpSpeaker(new BgpSpeakerOptions { NodeName = "bgp-send" }, TimeProvider.System, NullLogger<BgpSpeaker>.Instance);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        speaker.PeerChanged += s =>
        {
            if (s.Up)
            {
                up.TrySetResult();
            }
            else if (s.LastError is { } reason)
            {
                Emit(new { @event = "down", reason, unixMs = UnixMs() });
            }
        };
        await speaker.SetPeerAsync(new BgpPeerOptions(Peer, options.Peer, options.Asn, options.PeerAsn)
        {
            Port = options.Port,
            SourceAddress = options.Source,
            RouterId = options.RouterId,
            HoldTime = options.HoldTime,
            Password = options.Password,
            DualStack = options.DualStack,
        });
        await up.Task;
        Emit(new { @event = "established", unixMs = UnixMs() });

        while (await Console.In.ReadLineAsync() is { } command && command.Trim() != "quit")
        {
            switch (command.Trim())
            {
                case "announce" or "advertise":
                    await TimeAsync(speaker, "advertised", () => speaker.Advertise(Peer, routes), s => s.Announced == routes.Count && s.Pending == 0);
                    break;
                case "withdraw":
                    await TimeAsync(speaker, "withdrawn", () => speaker.Withdraw(Peer, [.. routes.Select(r => r.Prefix)]), s => s.Announced == 0 && s.Pending == 0);
                    break;
                case "rss":
                    Emit(new { @event = "rss", rssBytes = Environment.WorkingSet, managedBytes = GC.GetTotalMemory(forceFullCollection: true), unixMs = UnixMs() });
                    break;
                default:
                    Emit(new { @event = "error", reason = $"unknown command \"{command}\" (announce, withdraw, rss, quit)" });
                    break;
            }
        }

        return 0;
    }

    private static List<BgpRoute> Routes(BgpSendOptions options)
    {
        var attributes = options.Community is { } text
            ? new RouteAttributes(null, [Community.Of(ushort.Parse(text.Split(':')[0], CultureInfo.InvariantCulture), ushort.Parse(text.Split(':')[1], CultureInfo.InvariantCulture))])
            : RouteAttributes.None;
        if (options.PrefixFile is { } file)
        {
            return [.. File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => new BgpRoute(IpPrefix.Parse(l.Trim()), attributes))];
        }

        var hostLength = options.Prefix.Network.BitLength;
        return [.. Enumerable.Range(0, options.Routes)
            .Select(i => new BgpRoute(IpPrefix.Create(options.Prefix.Network.TryAdd((UInt128)i)!.Value, hostLength), attributes))];
    }

    /// <summary>Starts the change and waits until the speaker has encoded all of it (polled: counters raise no event).</summary>
    private static async Task TimeAsync(BgpSpeaker speaker, string what, Action change, Func<BgpPeerStatus, bool> done)
    {
        var start = UnixMs();
        var clock = Stopwatch.StartNew();
        change();
        while (speaker.Peer(Peer) is not { } status || !done(status))
        {
            await Task.Delay(1);
        }

        Emit(new { @event = what, startUnixMs = start, senderDoneMs = clock.Elapsed.TotalMilliseconds, updatesSent = speaker.Peer(Peer)!.UpdatesSent });
    }

    private static double UnixMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + ((DateTime.UtcNow.Ticks % TimeSpan.TicksPerMillisecond) / (double)TimeSpan.TicksPerMillisecond);

    private static void Emit(object line)
    {
        Console.WriteLine(JsonSerializer.Serialize(line));
        Console.Out.Flush();
    }
}
