using MetalLb.Bgp.Attributes;
using MetalLb.Bgp.Speaker;
using MetalLb.Domain.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MetalLb.Bgp.Tests.Speaker;

/// <summary>A speaker on a fake clock (timers and back-off move only when the test advances it) and helpers to await its peers.</summary>
internal sealed class SpeakerHarness : IAsyncDisposable
{
    public const uint Ours = 64512;
    public const uint Theirs = 64513;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly SemaphoreSlim _changed = new(0);

    public SpeakerHarness(BgpSpeakerOptions? options = null)
    {
        Speaker = new BgpSpeaker(options ?? new BgpSpeakerOptions { NodeName = "node-a" }, Time, NullLogger<BgpSpeaker>.Instance);
        Speaker.PeerChanged += _ => _changed.Release();
    }

    public FakeTimeProvider Time { get; } = new();

    public BgpSpeaker Speaker { get; }

    public static BgpPeerOptions PeerFor(ScriptedPeer peer, string name = "router", uint peerAsn = Theirs) =>
        new(name, peer.Address, Ours, peerAsn) { Port = peer.Port };

    public static BgpRoute Route(string prefix, uint? localPref = null, params string[] communities) =>
        new(IpPrefix.Parse(prefix), new RouteAttributes(
            localPref,
            communities.Where(c => c.Split(':').Length == 2).Select(c => Community.Of(ushort.Parse(c.Split(':')[0]), ushort.Parse(c.Split(':')[1]))),
            communities.Where(c => c.Split(':').Length == 3).Select(c => c.Split(':').Select(uint.Parse).ToArray()).Select(p => new LargeCommunity(p[0], p[1], p[2]))));

    /// <summary>
    /// Configures <paramref name="options"/>, accepts the speaker's connection on <paramref name="peer"/>, completes the
    /// OPEN exchange (their hold time: the options', else 90 s) and reads the initial table up to End-of-RIB.
    /// </summary>
    public async Task<ScriptedConnection> EstablishAsync(ScriptedPeer peer, BgpPeerOptions options)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(options);
        await Speaker.SetPeerAsync(options);
        var connection = await peer.AcceptAsync();
        await connection.EstablishAsync(options.PeerAsn, holdTime: (ushort)(options.HoldTime ?? TimeSpan.FromSeconds(90)).TotalSeconds);
        await connection.UpdatesUntilEndOfRibAsync();
        return connection;
    }

    /// <summary>Waits for the peer's state (or last error) to satisfy <paramref name="condition"/>: state changes raise an event.</summary>
    public async Task<BgpPeerStatus> WaitForAsync(string peer, Func<BgpPeerStatus, bool> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (Speaker.Peer(peer) is { } status && condition(status))
            {
                return status;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left))
            {
                throw new TimeoutException($"peer {peer} never got there; last status {Speaker.Peer(peer)}");
            }
        }
    }

    /// <summary>Polls the peer's counters, which change without an event, until <paramref name="condition"/> holds.</summary>
    public async Task<BgpPeerStatus> EventuallyAsync(string peer, Func<BgpPeerStatus, bool> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (Speaker.Peer(peer) is { } status && condition(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"peer {peer}'s counters never got there; last status {Speaker.Peer(peer)}");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Speaker.DisposeAsync();
        _changed.Dispose();
    }
}
