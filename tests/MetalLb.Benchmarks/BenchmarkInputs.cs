using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Validation;

namespace MetalLb.Benchmarks;

/// <summary>Builds validated configurations and Services for the allocation benchmarks.</summary>
internal static class BenchmarkInputs
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NoNamespaces =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public static MetalLbConfig Config(params IpAddressPool[] pools) =>
        ConfigValidator.Validate(new ConfigSource { Pools = pools }).Config
        ?? throw new InvalidOperationException("benchmark configuration is invalid");

    public static IpAddressPool Pool(string name, string address, IReadOnlyList<LabelSelector>? serviceSelectors = null) => new(
        new ObjectMeta { Name = name, Namespace = "metallb-system" },
        new IpAddressPoolSpec
        {
            Addresses = [address],
            ServiceAllocation = serviceSelectors is null ? null : new ServiceAllocation { ServiceSelectors = serviceSelectors },
        });

    /// <summary>A single-stack LoadBalancer Service; <paramref name="ingress"/> is its current status, if any.</summary>
    public static ServiceInfo Service(int i, bool v6 = false, IReadOnlyDictionary<string, string>? labels = null, string? ingress = null) =>
        new(new ObjectMeta { Name = $"svc-{i}", Namespace = "default", Labels = labels ?? new Dictionary<string, string>() })
        {
            Type = "LoadBalancer",
            ClusterIPs = [v6 ? $"fd00:96::{i:x}" : $"10.96.{(i >> 8) & 0xFF}.{i & 0xFF}"],
            IpFamilies = [v6 ? "IPv6" : "IPv4"],
            Ports = [new ServicePort("TCP", 80)],
            IngressIPs = ingress is null ? [] : [ingress],
        };
}
