using System.Globalization;
using MetalLb.Domain.Config;
using MetalLb.Domain.Net;
using MetalLb.Domain.Validation;
using YamlDotNet.RepresentationModel;

namespace MetalLb.Kubernetes.Legacy;

/// <summary><c>peers</c>: each becomes a BGPPeer (v1beta2) <c>peer1</c>, <c>peer2</c>… in the order written.</summary>
internal static class LegacyPeerReader
{
    /// <summary>The most a BGPPeer's <c>peerPort</c> allows (CRD maximum); legacy MetalLB took any uint16.</summary>
    private const int MaxPeerPort = 16384;

    public static void Read(IReadOnlyList<YamlNode> items, LegacyContext context)
    {
        var index = 0;
        foreach (var item in items)
        {
            index++;
            var fields = context.Yaml.Fields(
                item, "peer", "my-asn", "peer-asn", "peer-address", "source-address", "peer-port", "hold-time", "keepalive-time",
                "router-id", "node-selectors", "password", "bfd-profile", "ebgp-multihop");
            if (fields is not null)
            {
                var spec = ReadPeer(fields, context);
                var name = "peer" + index.ToString(CultureInfo.InvariantCulture);
                context.Objects.Peers.Add(new BgpPeer(context.Meta(name, item), spec));
            }
        }
    }

    private static BgpPeerSpec ReadPeer(YamlFields fields, LegacyContext context)
    {
        var yaml = context.Yaml;
        var myAsn = fields.Integer("my-asn", 0, uint.MaxValue);
        var peerAsn = fields.Integer("peer-asn", 0, uint.MaxValue);
        RequireAsn(fields, "my-asn", myAsn, "missing local ASN", yaml);
        RequireAsn(fields, "peer-asn", peerAsn, "missing peer ASN", yaml);
        var address = Address(fields, "peer-address", yaml);
        if (address is null && fields["peer-address"] is null)
        {
            yaml.Error(fields.Node, "peer has no peer-address");
        }

        var port = fields.Integer("peer-port", 0, ushort.MaxValue);
        if (port > MaxPeerPort)
        {
            yaml.Error(fields["peer-port"]!, $"peer-port {port} is above {MaxPeerPort}, the most a BGPPeer's peerPort allows");
        }

        var spec = new BgpPeerSpec
        {
            MyASN = (uint)(myAsn ?? 0),
            PeerASN = (uint?)peerAsn,
            PeerAddress = address,
            SourceAddress = Address(fields, "source-address", yaml),
            PeerPort = port is null or 0 ? null : (int)port,
            HoldTime = Duration(fields, "hold-time", yaml),
            KeepaliveTime = Duration(fields, "keepalive-time", yaml),
            RouterID = Address(fields, "router-id", yaml),
            NodeSelectors = NodeSelectors(fields.Items("node-selectors"), yaml),
            Password = NullIfEmpty(fields.String("password")),
            BfdProfile = NullIfEmpty(fields.String("bfd-profile")),
            EbgpMultiHop = fields.Bool("ebgp-multihop") ?? false,
        };
        return spec;
    }

    private static void RequireAsn(YamlFields fields, string key, long? value, string meaning, LegacyYaml yaml)
    {
        if (fields[key] is not { } node)
        {
            yaml.Error(fields.Node, $"peer has no {key} ({meaning})");
        }
        else if (value == 0)
        {
            yaml.Error(node, $"{key} 0 is not an AS number ({meaning})");
        }
    }

    private static string? Address(YamlFields fields, string key, LegacyYaml yaml)
    {
        var text = NullIfEmpty(fields.String(key));
        if (text is not null && !IpAddress.TryParse(text, out _))
        {
            yaml.Error(fields[key]!, $"{key} \"{text}\" is not an IP address");
            return null;
        }

        return text;
    }

    /// <summary>Kept as written: a BGPPeer's durations are read by the same Go parser the legacy loader used.</summary>
    private static string? Duration(YamlFields fields, string key, LegacyYaml yaml)
    {
        var text = NullIfEmpty(fields.String(key));
        if (text is not null && !GoDuration.TryParse(text, out _, out var error))
        {
            yaml.Error(fields[key]!, $"{key}: {error}");
            return null;
        }

        return text;
    }

    private static List<LabelSelector>? NodeSelectors(IReadOnlyList<YamlNode> items, LegacyYaml yaml)
    {
        var selectors = new List<LabelSelector>();
        foreach (var item in items)
        {
            if (yaml.Fields(item, "node selector", "match-labels", "match-expressions") is not { } fields)
            {
                continue;
            }

            var expressions = new List<LabelSelectorRequirement>();
            foreach (var expression in fields.Items("match-expressions"))
            {
                if (yaml.Fields(expression, "match expression", "key", "operator", "values") is { } e)
                {
                    expressions.Add(new LabelSelectorRequirement
                    {
                        Key = e.String("key") ?? "",
                        Operator = e.String("operator") ?? "",
                        Values = e["values"] is null ? null : [.. e.Strings("values").Select(v => v.Text)],
                    });
                }
            }

            selectors.Add(new LabelSelector
            {
                MatchLabels = fields.StringMap("match-labels"),
                MatchExpressions = expressions.Count > 0 ? expressions : null,
            });
        }

        return selectors.Count > 0 ? selectors : null;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
