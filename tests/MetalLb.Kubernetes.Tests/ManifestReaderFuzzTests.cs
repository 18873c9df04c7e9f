using System.Text;
using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests;

public class ManifestReaderFuzzTests
{
    private static readonly string[] Seeds =
    [
        """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: pool1, labels: {a: b}}
        spec:
          addresses: [192.168.10.0/24, "fc00::/124"]
          autoAssign: false
          serviceAllocation: {priority: 5, namespaces: [a], namespaceSelectors: [{matchLabels: {x: y}}]}
        ---
        apiVersion: metallb.io/v1beta2
        kind: BGPPeer
        metadata: {name: p}
        spec: &peer {myASN: 64500, peerASN: 64501, peerAddress: 10.0.0.1, holdTime: 90s, passwordSecret: {name: s}}
        ---
        apiVersion: metallb.io/v1beta1
        kind: BGPPeer
        metadata: {name: old}
        spec:
          <<: *peer
          peerPort: 179
          nodeSelectors: [{matchExpressions: [{key: k, operator: In, values: [v]}]}]
        """,
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default}
            spec:
              type: LoadBalancer
              clusterIPs: [10.96.0.1]
              ports: [{port: 80, protocol: TCP}]
              externalTrafficPolicy: Local
            status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}
          - apiVersion: discovery.k8s.io/v1beta1
            kind: EndpointSlice
            metadata: {name: e, labels: {kubernetes.io/service-name: web}}
            endpoints: [{addresses: [10.1.0.1], topology: {kubernetes.io/hostname: n1}, conditions: {ready: true}}]
          - apiVersion: v1
            kind: Node
            metadata: {name: n1}
            status: {conditions: [{type: NetworkUnavailable, status: "True"}]}
        """,
        """
        {"apiVersion": "metallb.io/v1beta1", "kind": "BGPAdvertisement", "metadata": {"name": "a"},
         "spec": {"aggregationLength": 24, "localPref": 100, "communities": ["65535:65282"], "peers": ["p"],
                  "ipAddressPoolSelectors": [{"matchLabels": {"tier": "gold"}}]}}
        """,
        """
        apiVersion: metallb.io/v1beta1
        kind: L2Advertisement
        metadata: {name: l2}
        spec:
          interfaces: [eth0]
          preferredNodeSelectors: [{weight: 10, preference: {matchLabels: {z: a}}}]
        ---
        apiVersion: metallb.io/v1beta1
        kind: Community
        metadata: {name: c}
        spec: {communities: [{name: n, value: "large:1:2:3"}]}
        ---
        apiVersion: metallb.io/v1beta1
        kind: BFDProfile
        metadata: {name: b}
        spec: {receiveInterval: 300, echoMode: yes, minimumTtl: 0x10}
        """,
    ];

    private static readonly string[] Tokens =
    [
        ": ", "- ", "\n", "\n  ", "\n- ", "---\n", "...\n", "&a ", "*a", "<<: ", "<<: *a", "!!str ", "!!int ", "! ", "'", "\"",
        "[", "]", "{", "}", ",", "#", "|", ">", "? ", "%YAML 1.1\n", "null", "~", "yes", "no", "-1", "5000000000",
        "99999999999999999999", "1e999", "0x", "0b2", ".inf", "\t", "\\", "\\u12", "items: ", "kind: List", "apiVersion: v1",
        "metadata: {name: x}", "spec: ", "\u00e9", "\ud83d\ude00", "\ud83d", "\u0000", "\ufeff",
    ];

    private static readonly string[] Sources = ["fuzz.yaml", "fuzz.json", "-"];

    [Fact]
    public void ReadText_RandomBytes_NeverThrows()
    {
        var random = new Random(20240601);

        for (var i = 0; i < 1500; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            var text = i % 2 == 0 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);

            AssertReadsWithoutInternalError(text, Sources[i % Sources.Length]);
        }
    }

    [Fact]
    public void ReadText_RandomYamlishText_NeverThrows()
    {
        var random = new Random(7);

        for (var i = 0; i < 1500; i++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, 60);
            for (var t = 0; t < count; t++)
            {
                text.Append(random.Next(3) == 0 ? (char)random.Next(32, 127) : Tokens[random.Next(Tokens.Length)]);
            }

            AssertReadsWithoutInternalError(text.ToString(), Sources[i % Sources.Length]);
        }
    }

    [Fact]
    public void ReadText_MutatedValidManifests_NeverThrow()
    {
        var random = new Random(1234);

        for (var i = 0; i < 3000; i++)
        {
            var text = Seeds[random.Next(Seeds.Length)];
            var mutations = random.Next(1, 5);
            for (var m = 0; m < mutations; m++)
            {
                text = Mutate(text, random);
            }

            AssertReadsWithoutInternalError(text, Sources[i % Sources.Length]);
        }
    }

    private static string Mutate(string text, Random random)
    {
        if (text.Length == 0)
        {
            return Tokens[random.Next(Tokens.Length)];
        }

        var at = random.Next(text.Length);
        var lines = text.Split('\n');
        var line = random.Next(lines.Length);
        return random.Next(7) switch
        {
            0 => text.Remove(at, Math.Min(random.Next(1, 12), text.Length - at)),
            1 => text.Insert(at, Tokens[random.Next(Tokens.Length)]),
            2 => text[..at] + (char)random.Next(0, 128) + text[(at + 1)..],
            3 => string.Join('\n', lines.Take(line + 1).Append(lines[line]).Concat(lines.Skip(line + 1))),
            4 => string.Join('\n', lines.Select((l, n) => n == line ? new string(' ', random.Next(0, 6)) + l.TrimStart() : l)),
            5 => string.Join('\n', lines.Where((_, n) => n != line)),
            _ => text.Replace(": ", random.Next(2) == 0 ? ": [" : ": {", StringComparison.Ordinal),
        };
    }

    private static void AssertReadsWithoutInternalError(string text, string source)
    {
        var result = ManifestReader.ReadText(text, source);

        Assert.DoesNotContain(result.Problems, p => p.Message.Contains("internal error", StringComparison.Ordinal));
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrEmpty(p.ToString())));
    }
}
