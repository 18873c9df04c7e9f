using System.Text;

namespace MetalLb.TestSupport.Bgp;

/// <summary>Renders gobgpd's TOML configuration for a <see cref="BgpRouterOptions"/>.</summary>
internal static class GoBgpConfig
{
    public static string Render(BgpRouterOptions options)
    {
        var toml = new StringBuilder();
        toml.Append($"""
            [global.config]
              as = {options.Asn}
              router-id = "{options.RouterId}"
              port = 179

            """);
        foreach (var neighbor in options.Neighbors)
        {
            toml.Append($"""
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "{neighbor.Address}"
                    peer-as = {neighbor.PeerAsn}

                """);
            if (neighbor.Password is not null)
            {
                toml.Append($"    auth-password = \"{neighbor.Password}\"\n");
            }

            toml.Append($"""
                  [neighbors.transport.config]
                    passive-mode = {(neighbor.Passive ? "true" : "false")}
                  [neighbors.timers.config]
                    connect-retry = 1
                    idle-hold-time-after-reset = 1
                    hold-time = {neighbor.HoldTime}
                    keepalive-interval = {Math.Max(1, neighbor.HoldTime / 3)}

                """);
            if (neighbor.Multihop is { } ttl)
            {
                toml.Append($"""
                      [neighbors.ebgp-multihop.config]
                        enabled = true
                        multihop-ttl = {ttl}

                    """);
            }

            foreach (var family in neighbor.Families)
            {
                toml.Append($"""
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "{(family == BgpFamily.Ipv4 ? "ipv4-unicast" : "ipv6-unicast")}"

                    """);
            }
        }

        return toml.ToString();
    }
}
