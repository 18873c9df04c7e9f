using System.Net;
using System.Net.Sockets;
using MetalLb.Bgp.Speaker;

namespace MetalLb.Bgp.Tests.Speaker;

/// <summary>
/// A BGP peer played by the test over a loopback TCP listener: it accepts the speaker's connections and lets the test
/// read and write whole messages with our codec. Optionally it signs with a TCP-MD5 key for the speaker's address.
/// </summary>
internal sealed class ScriptedPeer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly List<ScriptedConnection> _connections = [];

    public ScriptedPeer(IPAddress? address = null, string? password = null)
    {
        address ??= IPAddress.Loopback;
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (password is not null)
        {
            // The kernel's key for connections from the speaker (on loopback its address is the peer's own).
            _listener.SetRawSocketOption(6, 14, TcpMd5.Build(address, System.Text.Encoding.UTF8.GetBytes(password)));
        }

        _listener.Bind(new IPEndPoint(address, 0));
        _listener.Listen();
        Address = address;
    }

    public IPAddress Address { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public async Task<ScriptedConnection> AcceptAsync()
    {
        using var deadline = new CancellationTokenSource(ScriptedConnection.Timeout);
        try
        {
            var connection = new ScriptedConnection(await _listener.AcceptAsync(deadline.Token));
            _connections.Add(connection);
            return connection;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the speaker did not connect within {ScriptedConnection.Timeout}");
        }
    }

    /// <summary>Stops listening: the speaker's next dial is refused.</summary>
    public void StopListening() => _listener.Close();

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
