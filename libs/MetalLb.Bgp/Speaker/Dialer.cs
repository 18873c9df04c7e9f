using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MetalLb.Bgp.Speaker;

/// <summary>
/// Opens the TCP connection of a session: TCP-MD5 and TTL set before connect, bound to the source address when one
/// is configured, given up after the connect timeout. Failures come back as <see cref="DialException"/> with a
/// sentence a user can act on.
/// </summary>
internal static class Dialer
{
    /// <summary>The TTL (IPv6: unicast hop limit) of a directly connected eBGP session; everything else gets 255, like FRR and GoBGP.</summary>
    public static int TtlFor(BgpPeerOptions peer) => peer.IsInternal || peer.EbgpMultiHop ? 255 : 1;

    /// <summary>Dials; <paramref name="timeout"/> is cancelled when the connect timeout (<paramref name="after"/>) runs out.</summary>
    public static async Task<Socket> ConnectAsync(BgpPeerOptions peer, TimeSpan after, CancellationToken timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(peer.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            if (peer.Password is not null)
            {
                ApplyPassword(socket, peer);
            }

            socket.Ttl = (short)TtlFor(peer);
            if (peer.SourceAddress is { } source)
            {
                Bind(socket, source);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout, cancellationToken);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(peer.Address, peer.Port), linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new DialException(TimedOut(peer, after));
            }
            catch (SocketException e)
            {
                throw new DialException(Describe(e));
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A peer whose TCP-MD5 key differs (or that has none while we sign, or the reverse) drops our SYNs without a word
    /// (Linux: "MD5 Hash failed"), so the dial times out; the status says so when we have a password.
    /// </summary>
    public static string TimedOut(BgpPeerOptions peer, TimeSpan timeout)
    {
        var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        return peer.Password is not null
            ? $"MD5: no answer from peer (TCP-MD5 mismatch or missing): connect timed out after {seconds} s with a TCP-MD5 password configured"
            : $"connect timed out after {seconds} s: no answer from peer (a TCP-MD5 password set only on the peer looks the same)";
    }

    private static void ApplyPassword(Socket socket, BgpPeerOptions peer)
    {
        try
        {
            TcpMd5.Apply(socket, peer.Address, peer.Password!);
        }
        catch (Exception e) when (e is SocketException or ArgumentException or PlatformNotSupportedException)
        {
            throw new DialException($"TCP-MD5 password not accepted: {e.Message}");
        }
    }

    private static void Bind(Socket socket, IPAddress source)
    {
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            // METALLB-SPEC §11 QUIRK 13, reproduced: MetalLB's docs promise a fallback to the kernel's choice, but its
            // native speaker fails the dial and retries; a silent fallback would hide a typo in sourceAddress.
            throw new DialException($"source address {source} is not on this node ({e.Message}); the dial is retried");
        }
        catch (SocketException e)
        {
            throw new DialException($"cannot bind to source address {source}: {e.Message}");
        }
    }

    private static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.NetworkUnreachable => "network unreachable",
        SocketError.HostUnreachable => "no route to host",
        SocketError.TimedOut => "connect timed out in the kernel",
        _ => $"connect failed: {e.Message}",
    };
}
