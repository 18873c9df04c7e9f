using MetalLb.Domain.Net;
using MetalLb.Hosting.Announcing;
using MetalLb.Layer2.Interfaces;
using MetalLb.Layer2.Responder;
using Microsoft.Extensions.Options;

namespace MetalLb.Announcer.Layer2;

/// <summary>
/// The L2 data plane: a <see cref="PcapPort"/> per usable interface, each IP claimed on the interfaces its
/// advertisement allows; on a claim the gratuitous ARP (request and reply) or unsolicited NA goes out at once and again
/// every <see cref="AnnouncerOptions.GratuitousInterval"/> for <see cref="AnnouncerOptions.GratuitousDuration"/>. Routes
/// are the BGP backend's (<see cref="NodeDataPlane"/>).
/// </summary>
internal sealed partial class PcapDataPlane(
    InterfaceSelector selector,
    L2Counters counters,
    IOptions<AnnouncerOptions> options,
    TimeProvider timeProvider,
    ILogger<PcapDataPlane> logger)
    : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PcapPort> _ports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InterfaceInfo> _usable = new(StringComparer.Ordinal);
    private readonly Dictionary<IpAddress, L2Claim> _claims = [];
    private readonly Dictionary<IpAddress, DateTimeOffset> _announcing = [];
    private readonly SolicitedNodeGroups _groups = new();

    /// <summary>Raised (on a capture thread) when another station claims one of our IPs.</summary>
    public event Action<L2Conflict>? Conflict;

    /// <summary>The interfaces open now.</summary>
    public IReadOnlyList<string> Interfaces
    {
        get
        {
            lock (_lock)
            {
                return [.. _ports.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    public Task ClaimAsync(L2Claim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var ip = IpAddress.Parse(claim.Ip);
        lock (_lock)
        {
            _claims[ip] = claim;
            _announcing[ip] = timeProvider.GetUtcNow();
            foreach (var (name, port) in PortsFor(claim, ip))
            {
                ClaimOn(name, port, ip);
            }
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            var interfaces = string.Join(",", claim.Interfaces);
            LogClaimed(logger, claim.Ip, interfaces);
        }
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(L2Claim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var ip = IpAddress.Parse(claim.Ip);
        lock (_lock)
        {
            _claims.Remove(ip);
            _announcing.Remove(ip);
            foreach (var (name, port) in _ports)
            {
                if (port.Responder.Release(ip) && !ip.IsV4)
                {
                    _groups.Leave(name, ip);
                }
            }
        }

        LogReleased(logger, claim.Ip);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Brings the open ports in line with the interfaces as they are now: opens newly usable ones (claiming what they
    /// should carry and announcing it there), closes those gone, down or without carrier. Returns the usable names.
    /// </summary>
    public IReadOnlyList<string> Refresh(IReadOnlyList<InterfaceInfo> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        var usable = selector.Usable(all, [], ipv6: false).ToDictionary(i => i.Name, StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var name in _ports.Keys.Where(n => !usable.TryGetValue(n, out var info) || info.Mac != _usable[n].Mac).ToArray())
            {
                Close(name);
            }

            foreach (var (name, info) in usable.Where(u => !_ports.ContainsKey(u.Key)))
            {
                Open(name, info);
            }

            return [.. _ports.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Sends the repeats due now: every IP claimed less than the gratuitous duration ago.</summary>
    public void SendRepeats()
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            foreach (var (ip, since) in _announcing.ToArray())
            {
                if (now - since > options.Value.GratuitousDuration)
                {
                    _announcing.Remove(ip);
                    continue;
                }

                foreach (var (_, port) in PortsFor(_claims[ip], ip))
                {
                    SendGratuitous(port, ip);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var name in _ports.Keys.ToArray())
            {
                Close(name);
            }
        }

        _groups.Dispose();
    }

    private IEnumerable<(string Name, PcapPort Port)> PortsFor(L2Claim claim, IpAddress ip) =>
        _ports.Where(p => (claim.Interfaces.Count == 0 || claim.Interfaces.Contains(p.Key))
                && (ip.IsV4 || selector.WhyNotNdp(_usable[p.Key]) is null))
            .Select(p => (p.Key, p.Value));

    private void Open(string name, InterfaceInfo info)
    {
        try
        {
            var responder = new L2Responder(name, info.Mac, counters);
            responder.Conflict += c => Conflict?.Invoke(c);
            _ports[name] = PcapPort.Open(name, responder, logger);
            _usable[name] = info;
            if (logger.IsEnabled(LogLevel.Information))
            {
                var mac = info.Mac.ToString();
                LogOpened(logger, name, mac);
            }
            foreach (var (ip, claim) in _claims)
            {
                if (PortsFor(claim, ip).Any(p => p.Name == name))
                {
                    ClaimOn(name, _ports[name], ip);
                }
            }
        }
        catch (Exception ex)
        {
            LogOpenFailed(logger, ex, name);
        }
    }

    private void Close(string name)
    {
        var port = _ports[name];
        _ports.Remove(name);
        _usable.Remove(name);
        foreach (var ip in port.Responder.Owned.Where(ip => !ip.IsV4))
        {
            _groups.Leave(name, ip);
        }

        port.Dispose();
        LogClosed(logger, name);
    }

    private void ClaimOn(string name, PcapPort port, IpAddress ip)
    {
        port.Responder.Claim(ip);
        if (!ip.IsV4)
        {
            try
            {
                _groups.Join(name, ip);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException)
            {
                LogJoinFailed(logger, ex, name, ip.ToString());
            }
        }

        SendGratuitous(port, ip);
    }

    private void SendGratuitous(PcapPort port, IpAddress ip)
    {
        try
        {
            foreach (var frame in port.Responder.Gratuitous(ip))
            {
                port.Send(frame);
            }
        }
        catch (Exception ex)
        {
            LogSendFailed(logger, ex, port.Responder.Interface, ip.ToString());
        }
    }

    [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Answering ARP/NDP on {Interface} ({Mac})")]
    private static partial void LogOpened(ILogger logger, string @interface, string mac);

    [LoggerMessage(EventId = 802, Level = LogLevel.Information, Message = "No longer answering on {Interface} (gone, down or no carrier)")]
    private static partial void LogClosed(ILogger logger, string @interface);

    [LoggerMessage(EventId = 803, Level = LogLevel.Error, Message = "Opening {Interface} for ARP/NDP failed")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception, string @interface);

    [LoggerMessage(EventId = 804, Level = LogLevel.Information, Message = "Announcing {Ip} (interfaces: {Interfaces})")]
    private static partial void LogClaimed(ILogger logger, string ip, string interfaces);

    [LoggerMessage(EventId = 805, Level = LogLevel.Information, Message = "No longer announcing {Ip}")]
    private static partial void LogReleased(ILogger logger, string ip);

    [LoggerMessage(EventId = 806, Level = LogLevel.Warning, Message = "Sending the gratuitous announcement of {Ip} on {Interface} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string @interface, string ip);

    [LoggerMessage(EventId = 807, Level = LogLevel.Warning, Message = "Joining the solicited-node group of {Ip} on {Interface} failed")]
    private static partial void LogJoinFailed(ILogger logger, Exception exception, string @interface, string ip);
}
