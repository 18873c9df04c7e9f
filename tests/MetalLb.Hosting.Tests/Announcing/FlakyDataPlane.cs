using MetalLb.Hosting.Announcing;

namespace MetalLb.Hosting.Tests.Announcing;

/// <summary>A recording data plane whose claims fail while <see cref="Failing"/> is set, and which may lack BGP.</summary>
internal sealed class FlakyDataPlane : IAnnouncementDataPlane
{
    public RecordingDataPlane Inner { get; } = new();

    public bool Failing { get; set; }

    public bool Bgp { get; set; } = true;

    public bool CanAdvertiseRoutes => Bgp;

    public Task ClaimAsync(L2Claim claim, CancellationToken cancellationToken) =>
        Failing ? throw new IOException("interface is down") : Inner.ClaimAsync(claim, cancellationToken);

    public Task ReleaseAsync(L2Claim claim, CancellationToken cancellationToken) => Inner.ReleaseAsync(claim, cancellationToken);

    public Task AdvertiseAsync(RouteAdvertisement route, CancellationToken cancellationToken) => Inner.AdvertiseAsync(route, cancellationToken);

    public Task WithdrawAsync(RouteAdvertisement route, CancellationToken cancellationToken) => Inner.WithdrawAsync(route, cancellationToken);
}
