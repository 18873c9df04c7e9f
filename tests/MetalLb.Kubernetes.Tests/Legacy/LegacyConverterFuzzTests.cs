using System.Text;
using MetalLb.Kubernetes.Legacy;

namespace MetalLb.Kubernetes.Tests.Legacy;

/// <summary>The allocator converts whatever the cluster's ConfigMap holds: no input may make the converter throw.</summary>
public class LegacyConverterFuzzTests
{
    private static readonly string[] Seeds =
    [
        """
        peers:
        - {peer-address: 192.0.2.1, peer-asn: 64501, my-asn: 64500, hold-time: 90s, node-selectors: [{match-labels: {a: b}}]}
        bgp-communities: {no-advertise: "65535:65282"}
        bfd-profiles: [{name: fast, receive-interval: 100}]
        address-pools:
        - name: p
          protocol: bgp
          addresses: [198.51.100.0/24, 203.0.113.1-203.0.113.9]
          bgp-advertisements: [{aggregation-length: 24, localpref: 5, communities: [no-advertise, "1:2"]}]
        - {name: q, protocol: layer2, addresses: ["2001:db8::/120"], auto-assign: no, avoid-buggy-ips: yes}
        """,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: config, namespace: metallb-system}
        data:
          config: |
            address-pools:
            - name: default
              protocol: layer2
              addresses: [192.0.2.0/24]
        """,
        """
        manifests: {metallb: {avoidBuggyIps: true, addresses: [192.168.250.48-192.168.250.55]}}
        ---
        charts:
          metallb-full:
            configuration:
              ipaddresspools: {first-pool: {spec: {addresses: [192.168.10.0/24], autoAssign: true}}}
              l2advertisements: {default: {spec: {ipAddressPools: [first-pool]}}}
        """,
    ];

    private static readonly string[] Tokens =
    [
        ": ", "- ", "\n", "\n  ", "\n- ", "---\n", "&a ", "*a", "<<: ", "!!str ", "!!int ", "'", "\"", "[", "]", "{", "}", ",",
        "#", "|", ">", "? ", "null", "~", "yes", "-1", "99999999999999999999", "0x", "address-pools: ", "peers: ",
        "protocol: bgp", "kind: List", "items: ", "data: ", "config: |\n  ", "spec: ", "\u00e9", "\ud83d", "\u0000",
    ];

    [Fact]
    public void ConvertDocuments_MutatedInputs_NeverThrow()
    {
        var random = new Random(4242);

        for (var i = 0; i < 3000; i++)
        {
            var text = Seeds[random.Next(Seeds.Length)];
            for (var m = random.Next(1, 5); m > 0; m--)
            {
                text = Mutate(text, random);
            }

            var conversion = LegacyConverter.ConvertDocuments(text, "fuzz.yaml");
            var config = LegacyConverter.ConvertConfig(text, "config", "metallb-system");

            Assert.InRange(conversion.Problems.Count, 0, LegacyYaml.MaxProblems);
            Assert.InRange(config.Problems.Count, 0, LegacyYaml.MaxProblems);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var at = random.Next(text.Length + 1);
        return random.Next(4) switch
        {
            0 => text.Insert(at, Tokens[random.Next(Tokens.Length)]),
            1 when at < text.Length => text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at)),
            2 when at < text.Length => new StringBuilder(text) { [at] = (char)random.Next(32, 127) }.ToString(),
            _ => text[..at] + text[(random.Next(at + 1))..],
        };
    }
}
