using System.Buffers;
using MetalLb.Bgp.Codec;
using MetalLb.Bgp.Messages;
using MetalLb.Bgp.Session;
using Microsoft.Extensions.Logging;

namespace MetalLb.Bgp.Speaker;

/// <summary>The state machine's actions carried out on the socket: dial, send (batched), close, timers.</summary>
internal sealed partial class PeerRunner
{
    private const int BufferLength = 16 * 1024;
    private ArrayBufferWriter<byte> _outbox = new(BufferLength);
    private ArrayBufferWriter<byte> _inFlight = new(BufferLength);
    private PeerConnection? _connection;
    private CancellationTokenSource? _dial;
    private int _generation;
    private bool _writing;
    private BgpCodecOptions _codec = BgpCodecOptions.Default;
    private long _updatesSent;
    private long _updatesReceived;

    private void Apply(IReadOnlyList<SessionAction> actions)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case SessionAction.Connect:
                    Dial();
                    break;
                case SessionAction.Disconnect:
                    Disconnect();
                    break;
                case SessionAction.Send send:
                    Encode(send.Message);
                    break;
                case SessionAction.StartTimer start:
                    _timers.Start(start.Timer, start.After);
                    break;
                case SessionAction.StopTimer stop:
                    _timers.Stop(stop.Timer);
                    break;
                case SessionAction.Up up:
                    OnUp(up.Session);
                    break;
                case SessionAction.Down down:
                    OnDown(down.Reason);
                    break;
                default:
                    // Received UPDATEs are counted as they are decoded; this speaker imports nothing.
                    break;
            }
        }
    }

    private void Dial()
    {
        Disconnect();
        var connection = _generation;
        var dial = _dial = new CancellationTokenSource();

        // Started here, on the loop, so the connect timeout runs from the moment the state machine dials.
        var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        var writer = _inputs.Writer;
        _ = Task.Run(async () =>
        {
            try
            {
                var socket = await Dialer.ConnectAsync(_peer, _options.ConnectTimeout, timeout.Token, dial.Token).ConfigureAwait(false);
                if (!writer.TryWrite(new PeerInput.Dialled(connection, socket)))
                {
                    socket.Dispose();
                }
            }
            catch (DialException e)
            {
                writer.TryWrite(new PeerInput.DialFailed(connection, e.Message));
            }
            catch (OperationCanceledException)
            {
                // Cancelled by the loop: the session stopped or moved on.
            }
            catch (Exception e)
            {
                writer.TryWrite(new PeerInput.DialFailed(connection, $"dial failed: {e.Message}"));
            }
            finally
            {
                timeout.Dispose();
            }
        });
    }

    private void OnDialled(PeerInput.Dialled dialled)
    {
        if (dialled.Connection != _generation || _dial is null)
        {
            dialled.Socket.Dispose();
            return;
        }

        CancelDial();
        _connection = new PeerConnection(dialled.Socket, _generation, _inputs.Writer);
        var routerId = RouterIds.ForSession(_peer.RouterId, _connection.Local.Address, _options.NodeName ?? Environment.MachineName);
        Apply(_session.Handle(new SessionEvent.Connected(routerId)));
    }

    /// <summary>Closes the connection (after what is queued for it, e.g. a NOTIFICATION, for up to the close timeout) or cancels the dial.</summary>
    private void Disconnect()
    {
        CancelDial();
        if (_connection is not null)
        {
            _closing.RemoveAll(t => t.IsCompleted);
            _closing.Add(_connection.CloseAsync(_outbox.WrittenSpan.ToArray(), _options.CloseTimeout));
            _connection = null;
        }

        // The old connection may still be sending from the in-flight buffer: the next one gets fresh buffers.
        _outbox = new ArrayBufferWriter<byte>(BufferLength);
        _inFlight = new ArrayBufferWriter<byte>(BufferLength);
        _writing = false;
        _generation++;
    }

    private void CancelDial()
    {
        if (_dial is null)
        {
            return;
        }

        _dial.Cancel();
        _dial.Dispose();
        _dial = null;
    }

    private void Encode(BgpMessage message)
    {
        BgpCodec.Encode(message, _codec, _outbox);
        if (message is UpdateMessage)
        {
            _updatesSent++;
        }
    }

    /// <summary>Hands what is queued to the socket when no write is in flight; otherwise it waits for the next one.</summary>
    private void Flush()
    {
        if (_connection is null || _writing || _outbox.WrittenCount == 0)
        {
            return;
        }

        (_outbox, _inFlight) = (_inFlight, _outbox);
        _outbox.ResetWrittenCount();
        _writing = true;
        _connection.Write(_inFlight.WrittenMemory);
    }

    [LoggerMessage(EventId = 903, Level = LogLevel.Information, Message = "BGP session to {Peer} ({Endpoint}) is up from {Local}: hold time {HoldTime}, families {Families}")]
    private static partial void LogUp(ILogger logger, string peer, string endpoint, System.Net.IPAddress local, TimeSpan holdTime, IReadOnlyList<Domain.Net.IpFamily> families);

    [LoggerMessage(EventId = 904, Level = LogLevel.Warning, Message = "BGP session to {Peer} ({Endpoint}) went down: {Reason}")]
    private static partial void LogDown(ILogger logger, string peer, string endpoint, string reason);

    [LoggerMessage(EventId = 908, Level = LogLevel.Debug, Message = "BGP session to {Peer} ({Endpoint}) did not come up: {Reason}")]
    private static partial void LogNotUp(ILogger logger, string peer, string endpoint, string reason);

    [LoggerMessage(EventId = 909, Level = LogLevel.Warning, Message = "BGP session to {Peer} carries {Family} but this node has no {Family} address on the session's interface: those routes stay pending")]
    private static partial void LogNoNextHop(ILogger logger, string peer, string family);
}
