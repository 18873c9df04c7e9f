namespace MetalLb.Domain.Allocation;

/// <summary>The Service annotations MetalLB reads and writes (METALLB-SPEC §2.1).</summary>
public static class ServiceAnnotations
{
    public const string AddressPool = "metallb.io/address-pool";

    public const string LoadBalancerIPs = "metallb.io/loadBalancerIPs";

    public const string AllowSharedIP = "metallb.io/allow-shared-ip";

    /// <summary>Written by the controller: the pool the current IPs came from.</summary>
    public const string IPAllocatedFromPool = "metallb.io/ip-allocated-from-pool";

    /// <summary>Prefix of the deprecated equivalents, still honoured when the stable form is absent.</summary>
    public const string DeprecatedPrefix = "metallb.universe.tf/";

    public const string DeprecatedAddressPool = DeprecatedPrefix + "address-pool";

    public const string DeprecatedLoadBalancerIPs = DeprecatedPrefix + "loadBalancerIPs";

    public const string DeprecatedAllowSharedIP = DeprecatedPrefix + "allow-shared-ip";

    public const string DeprecatedIPAllocatedFromPool = DeprecatedPrefix + "ip-allocated-from-pool";
}
