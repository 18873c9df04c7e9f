using MetalLb.Layer2.Codecs;
using MetalLb.Layer2.Responder;
using SharpPcap;
using SharpPcap.LibPcap;

namespace MetalLb.Announcer.Layer2;

/// <summary>
/// One interface opened with libpcap (promiscuous, immediate delivery, a BPF filter for ARP and neighbour
/// discovery not sent by us): frames go through the interface's <see cref="L2Responder"/> and replies go straight out.
/// SharpPcap appears nowhere else.
/// </summary>
internal sealed partial class PcapPort : IDisposable
{
    private readonly LibPcapLiveDevice _device;
    private readonly ILogger _logger;
    private readonly byte[] _reply = new byte[NdpCodec.AdvertisementLength];
    private long _handlerFailures;

    private PcapPort(LibPcapLiveDevice device, L2Responder responder, ILogger logger)
    {
        _device = device;
        Responder = responder;
        _logger = logger;
    }

    public L2Responder Responder { get; }

    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    public static PcapPort Open(string name, L2Responder responder, ILogger logger)
    {
        var device = LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == name)
            ?? throw new InvalidOperationException($"libpcap does not list interface {name}");
        var port = new PcapPort(device, responder, logger);
        device.Open(new DeviceConfiguration { Mode = DeviceModes.Promiscuous, Immediate = true, ReadTimeout = 100, Snaplen = 256 });
        try
        {
            device.Filter = $"not ether src {responder.Mac} and (arp or (icmp6 and (ip6[40] = 135 or ip6[40] = 136)))";
            device.OnPacketArrival += port.OnPacket;
            device.StartCapture();
        }
        catch
        {
            device.Close();
            throw;
        }

        return port;
    }

    public void Send(ReadOnlySpan<byte> frame) => _device.SendPacket(frame);

    public void Dispose()
    {
        try
        {
            _device.OnPacketArrival -= OnPacket;
            _device.StopCapture();
        }
        catch (Exception ex) when (ex is PcapException or InvalidOperationException)
        {
            // The interface is already gone.
        }
        finally
        {
            _device.Close();
        }
    }

    /// <summary>Runs on libpcap's capture thread: any exception is counted and logged, never thrown into libpcap.</summary>
    private void OnPacket(object sender, PacketCapture capture)
    {
        try
        {
            lock (_reply)
            {
                var length = Responder.Handle(capture.Data, _reply);
                if (length > 0)
                {
                    _device.SendPacket(_reply.AsSpan(0, length));
                }
            }
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _handlerFailures);
            LogHandlerFailed(_logger, ex, Responder.Interface);
        }
    }

    [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "Handling a frame on {Interface} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string @interface);
}
