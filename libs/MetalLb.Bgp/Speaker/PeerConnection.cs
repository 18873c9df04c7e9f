using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using MetalLb.Bgp.Codec;

namespace MetalLb.Bgp.Speaker;

/// <summary>
/// One TCP connection of a peer: a reader that frames messages with <see cref="BgpCodec.TryFrame"/> over a pooled
/// buffer and posts them to the loop, and one write in flight at a time, reported to the loop when done. It never
/// throws at its callers: failures arrive as <see cref="PeerInput.Closed"/>.
/// </summary>
internal sealed class PeerConnection : IDisposable
{
    private const int ReadBufferLength = 64 * 1024;
    private readonly Socket _socket;
    private readonly int _id;
    private readonly ChannelWriter<PeerInput> _loop;
    private readonly CancellationTokenSource _closing = new();
    private readonly CancellationToken _closed;
    private Task _write = Task.CompletedTask;

    public PeerConnection(Socket socket, int id, ChannelWriter<PeerInput> loop)
    {
        _socket = socket;
        _id = id;
        _loop = loop;
        Local = (IPEndPoint)socket.LocalEndPoint!;
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
        _closed = _closing.Token;
        _ = Task.Run(ReadAsync);
    }

    public IPEndPoint Local { get; }

    public IPEndPoint Remote { get; }

    /// <summary>Sends <paramref name="data"/> (left untouched until <see cref="PeerInput.Written"/> is posted).</summary>
    public void Write(ReadOnlyMemory<byte> data) => _write = WriteAsync(data);

    /// <summary>Lets the write in flight and <paramref name="last"/> go out for up to <paramref name="timeout"/>, then closes.</summary>
    public async Task CloseAsync(byte[] last, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _write.WaitAsync(deadline.Token).ConfigureAwait(false);
            if (last.Length > 0)
            {
                await _socket.SendAsync(last, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            }

            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The peer is gone or stuck; what could not be sent is lost with the session.
        }
        finally
        {
            await _closing.CancelAsync().ConfigureAwait(false);
            Dispose();
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _closing.Dispose();
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> data)
    {
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None, _closed).ConfigureAwait(false);
                data = data[sent..];
            }

            _loop.TryWrite(new PeerInput.Written(_id));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            _loop.TryWrite(new PeerInput.Closed(_id, e is SocketException s ? Describe(s) : "connection closed"));
        }
    }

    private async Task ReadAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferLength);
        try
        {
            var filled = 0;
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _closed).ConfigureAwait(false);
                if (read == 0)
                {
                    _loop.TryWrite(new PeerInput.Closed(_id, "peer closed the connection"));
                    return;
                }

                filled += read;
                var start = 0;
                while (true)
                {
                    if (!BgpCodec.TryFrame(buffer.AsSpan(start, filled - start), out var length, out var error))
                    {
                        if (error is not null)
                        {
                            _loop.TryWrite(new PeerInput.FrameError(_id, error));
                            return;
                        }

                        break;
                    }

                    _loop.TryWrite(new PeerInput.Frame(_id, buffer.AsSpan(start, length).ToArray()));
                    start += length;
                }

                buffer.AsSpan(start, filled - start).CopyTo(buffer);
                filled -= start;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            _loop.TryWrite(new PeerInput.Closed(_id, e is SocketException s ? Describe(s) : "connection closed"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionReset => "connection reset by peer",
        SocketError.TimedOut => "connection timed out in the kernel",
        _ => $"connection lost: {e.Message}",
    };
}
