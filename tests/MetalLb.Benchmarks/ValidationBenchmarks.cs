using BenchmarkDotNet.Attributes;
using MetalLb.Domain.Config;
using MetalLb.Domain.Validation;

namespace MetalLb.Benchmarks;

/// <summary>
/// Validation of large object sets: N pools (each a /28 and an IPv6 /120: the overlap check sorts 2N CIDRs) and
/// min(N, 10,000) BGPPeers in both backends; N = 1k, 10k, 100k shows how each grows.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private ConfigSource _pools = new();
    private ConfigSource _peers = new();

    [Params(1_000, 10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _pools = new ConfigSource { Pools = Enumerable.Range(0, N).Select(Pool).ToArray() };
        _peers = new ConfigSource { Peers = Enumerable.Range(0, Math.Min(N, 10_000)).Select(Peer).ToArray() };
    }

    [Benchmark]
    public bool ValidatePools() => ConfigValidator.Validate(_pools).IsValid;

    [Benchmark]
    public bool ValidatePeersNative() => ConfigValidator.Validate(_peers).IsValid;

    [Benchmark]
    public bool ValidatePeersFrr() =>
        ConfigValidator.Validate(_peers, new ValidationOptions { BgpBackend = BgpBackend.Frr }).IsValid;

    /// <summary>Pool i holds one /28 and one IPv6 /120, in shuffled order so sorting does real work.</summary>
    private static IpAddressPool Pool(int i)
    {
        var n = (int)((uint)(i * 2_654_435_761L) % 1_000_000);
        var v4 = (uint)(0x0A000000 + (n * 16));
        var text = $"{v4 >> 24}.{(v4 >> 16) & 0xFF}.{(v4 >> 8) & 0xFF}.{v4 & 0xFF}/28";
        return new IpAddressPool(
            new ObjectMeta { Name = $"pool-{i}", Namespace = "metallb-system" },
            new IpAddressPoolSpec { Addresses = [text, $"2001:db8:{n >> 16:x}:{n & 0xFFFF:x}::/120"] });
    }

    private static BgpPeer Peer(int i) => new(
        new ObjectMeta { Name = $"peer-{i}", Namespace = "metallb-system" },
        new BgpPeerSpec
        {
            MyASN = 64512,
            PeerASN = 64513,
            PeerAddress = $"10.{(i >> 16) & 0xFF}.{(i >> 8) & 0xFF}.{i & 0xFF}",
            RouterID = "10.255.0.1",
            HoldTime = "90s",
            NodeSelectors = [new LabelSelector { MatchLabels = new Dictionary<string, string> { ["rack"] = $"r{i % 50}" } }],
        });
}
