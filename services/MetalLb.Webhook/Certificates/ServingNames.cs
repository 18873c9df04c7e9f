using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace MetalLb.Webhook.Certificates;

/// <summary>The names a serving certificate must carry: the Service's DNS names plus the extra SANs.</summary>
internal sealed partial class ServingNames
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    private ServingNames(string commonName, IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> ipAddresses)
    {
        CommonName = commonName;
        DnsNames = dnsNames;
        IpAddresses = ipAddresses;
    }

    /// <summary><c>&lt;svc&gt;.&lt;ns&gt;.svc</c>, the name the API server dials (METALLB-SPEC §4.4).</summary>
    public string CommonName { get; }

    public IReadOnlyList<string> DnsNames { get; }

    public IReadOnlyList<IPAddress> IpAddresses { get; }

    public static ServingNames From(CertificateOptions options)
    {
        var svc = options.ServiceName.ToLowerInvariant();
        var ns = options.Namespace.ToLowerInvariant();
        var dns = new List<string> { svc, $"{svc}.{ns}", $"{svc}.{ns}.svc", $"{svc}.{ns}.svc.cluster.local" };
        var ips = new List<IPAddress>();
        foreach (var san in options.ExtraSans.Select(s => s.Trim()))
        {
            if (TryParseIp(san, out var ip))
            {
                if (!ips.Contains(ip))
                {
                    ips.Add(ip);
                }
            }
            else if (!dns.Contains(san.ToLowerInvariant()))
            {
                dns.Add(san.ToLowerInvariant());
            }
        }

        return new ServingNames($"{svc}.{ns}.svc", dns, ips);
    }

    public static bool IsDnsLabel(string? value) => value is not null && DnsLabel().IsMatch(value);

    public static bool IsValidSan(string? value)
    {
        var trimmed = value?.Trim();
        return !string.IsNullOrEmpty(trimmed) && (TryParseIp(trimmed, out _) || DnsName().IsMatch(trimmed.ToLowerInvariant()));
    }

    public X509Extension ToExtension()
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var name in DnsNames)
        {
            builder.AddDnsName(name);
        }

        foreach (var ip in IpAddresses)
        {
            builder.AddIpAddress(ip);
        }

        return builder.Build();
    }

    /// <summary>True when the certificate carries exactly these names, in any order.</summary>
    public bool MatchedBy(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.FirstOrDefault(e => e.Oid?.Value == SubjectAlternativeNameOid);
        if (extension is null)
        {
            return false;
        }

        var san = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
        var dns = san.EnumerateDnsNames().Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var ips = san.EnumerateIPAddresses().ToHashSet();
        return dns.SetEquals(DnsNames) && ips.SetEquals(IpAddresses);
    }

    /// <summary>
    /// An IP address in full dotted or colon form; <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone
    /// would also read a bare number such as <c>10</c> as an address.
    /// </summary>
    private static bool TryParseIp(string value, out IPAddress ip)
    {
        if ((value.Contains(':') || value.Count(c => c == '.') == 3) && IPAddress.TryParse(value, out var parsed))
        {
            ip = parsed;
            return true;
        }

        ip = IPAddress.None;
        return false;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$")]
    private static partial Regex DnsName();
}
