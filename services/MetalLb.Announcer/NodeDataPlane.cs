using MetalLb.Announcer.Layer2;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Announcer;

/// <summary>
/// What this node does on the network: IPs answered by the L2 data plane, routes advertised by the BGP backend
/// (the native speaker or FRR). Without a backend (<c>Announcer:Bgp:Mode=None</c>) the agent asks for no routes and
/// reports BGP as not announced.
/// </summary>
internal sealed class NodeDataPlane(PcapDataPlane layer2, IBgpBackend? bgp) : IAnnouncementDataPlane
{
    public bool CanAdvertiseRoutes => bgp is not null;

    public Task ClaimAsync(L2Claim claim, CancellationToken cancellationToken) => layer2.ClaimAsync(claim, cancellationToken);

    public Task ReleaseAsync(L2Claim claim, CancellationToken cancellationToken) => layer2.ReleaseAsync(claim, cancellationToken);

    public Task AdvertiseAsync(RouteAdvertisement route, CancellationToken cancellationToken) =>
        Backend.AdvertiseAsync(route, cancellationToken);

    public Task WithdrawAsync(RouteAdvertisement route, CancellationToken cancellationToken) =>
        Backend.WithdrawAsync(route, cancellationToken);

    private IBgpBackend Backend => bgp ?? throw new InvalidOperationException("BGP is off on this announcer (Announcer:Bgp:Mode=None)");
}
