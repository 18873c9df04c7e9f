using System.Security.Authentication;

namespace MetalLb.Webhook.Certificates;

/// <summary>Maps the <c>MinTlsVersion</c> setting onto the protocols the server accepts.</summary>
internal static class TlsVersions
{
    public const string Tls12 = "1.2";

    public const string Tls13 = "1.3";

    public static bool IsKnown(string? version) => version is Tls12 or Tls13;

    /// <summary>TLS 1.3 is always enabled so it is negotiated whenever the client supports it.</summary>
    public static SslProtocols ToSslProtocols(string minimum) => minimum switch
    {
        Tls13 => SslProtocols.Tls13,
        Tls12 => SslProtocols.Tls12 | SslProtocols.Tls13,
        _ => throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "MinTlsVersion must be 1.2 or 1.3"),
    };
}
