namespace MetalLb.TestSupport.Network;

/// <summary>A host namespace of a <see cref="TestNetwork"/>: its <c>eth0</c> MAC and addresses, and its port on the bridge.</summary>
public sealed record TestHost(string Name, string Namespace, string Mac, string Ipv4, string Ipv6, string BridgePort);
