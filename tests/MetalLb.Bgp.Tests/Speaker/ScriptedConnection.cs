using System.Net.Sockets;
using MetalLb.Bgp.Capabilities;
using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Messages;

namespace MetalLb.Bgp.Tests.Speaker;

/// <summary>One connection of a scripted BGP peer: whole messages in and out, each read bounded by a generous timeout.</summary>
internal sealed class ScriptedConnection(Socket socket) : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    public const uint PeerId = 0xC0000202;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _filled;

    /// <summary>Every UPDATE read so far, KEEPALIVEs skipped.</summary>
    public List<UpdateMessage> Updates { get; } = [];

    /// <summary>The next message, or null when the speaker closed the connection.</summary>
    public async Task<BgpMessage?> ReceiveAsync()
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            if (BgpCodec.TryFrame(_buffer.AsSpan(0, _filled), out var length, out var error))
            {
                var result = BgpCodec.Decode(_buffer.AsSpan(0, length), BgpCodecOptions.Default);
                _buffer.AsSpan(length, _filled - length).CopyTo(_buffer);
                _filled -= length;
                var message = result.Message ?? throw new InvalidOperationException($"the speaker sent a malformed message: {result.Error}");
                if (message is UpdateMessage update)
                {
                    Updates.Add(update);
                }

                return message;
            }

            Assert.Null(error);
            int read;
            try
            {
                read = await socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no message from the speaker within {Timeout}");
            }
            catch (SocketException)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _filled += read;
        }
    }

    /// <summary>The next message that is not a KEEPALIVE.</summary>
    public async Task<BgpMessage?> ReceiveSkippingKeepalivesAsync()
    {
        while (true)
        {
            var message = await ReceiveAsync();
            if (message is not KeepaliveMessage)
            {
                return message;
            }
        }
    }

    public async Task<UpdateMessage> NextUpdateAsync() =>
        Assert.IsType<UpdateMessage>(await ReceiveSkippingKeepalivesAsync());

    /// <summary>Reads UPDATEs until the End-of-RIB of each family given, returning those before it.</summary>
    public async Task<List<UpdateMessage>> UpdatesUntilEndOfRibAsync(int families = 1)
    {
        var updates = new List<UpdateMessage>();
        while (families > 0)
        {
            var update = await NextUpdateAsync();
            if (update.IsEndOfRib)
            {
                families--;
            }
            else
            {
                updates.Add(update);
            }
        }

        return updates;
    }

    public async Task SendAsync(BgpMessage message) => await SendRawAsync(BgpCodec.Encode(message, BgpCodecOptions.Default));

    public async Task SendRawAsync(byte[] bytes) => await socket.SendAsync(bytes, SocketFlags.None);

    /// <summary>Reads the speaker's OPEN, answers with ours and a KEEPALIVE, and reads its KEEPALIVE.</summary>
    public async Task<OpenMessage> EstablishAsync(uint asn, ushort holdTime = 90, params (Afi, Safi)[] families)
    {
        var open = Assert.IsType<OpenMessage>(await ReceiveAsync());
        List<BgpCapability> capabilities = [.. (families.Length > 0 ? families : [(Afi.Ipv4, Safi.Unicast), (Afi.Ipv6, Safi.Unicast)])
            .Select(f => new MultiprotocolCapability(f.Item1, f.Item2))];
        capabilities.Add(new RouteRefreshCapability());
        capabilities.Add(new FourOctetAsCapability(asn));
        await SendAsync(OpenMessage.Create(asn, holdTime, PeerId, capabilities));
        await SendAsync(KeepaliveMessage.Instance);
        Assert.IsType<KeepaliveMessage>(await ReceiveAsync());
        return open;
    }

    /// <summary>True once the speaker has closed the connection (what it sent before is read and dropped).</summary>
    public async Task<bool> ClosedAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }

        return true;
    }

    public void Close() => socket.Close();

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
