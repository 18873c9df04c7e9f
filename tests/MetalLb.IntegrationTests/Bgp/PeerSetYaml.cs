namespace MetalLb.IntegrationTests.Bgp;

/// <summary>Manifests of the peer-set scenarios: peers, their Secrets and labelled Nodes.</summary>
internal static class PeerSetYaml
{
    public static string Node(string name, string rack) => $"""
        apiVersion: v1
        kind: Node
        metadata:
          name: {name}
          labels:
            kubernetes.io/hostname: {name}
            rack: {rack}
        """;

    /// <summary>A BGPPeer whose password comes from Secret <c>{name}-pass</c>; with <paramref name="rack"/> only on that rack.</summary>
    public static string Peer(string name, string address, string? rack = null) => $"""
        apiVersion: metallb.io/v1beta2
        kind: BGPPeer
        metadata:
          name: {name}
          namespace: metallb-system
        spec:
          myASN: 64500
          peerASN: 64501
          peerAddress: {address}
          passwordSecret:
            name: {name}-pass
            namespace: metallb-system
          nodeSelectors: {(rack is null ? "[]" : $"[{{matchLabels: {{rack: {rack}}}}}]")}
        """;

    public static string Secret(string name, string password, string type = "kubernetes.io/basic-auth") => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
          namespace: metallb-system
        type: {type}
        stringData:
          password: {password}
        """;
}
