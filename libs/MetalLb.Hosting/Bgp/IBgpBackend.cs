using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;

namespace MetalLb.Hosting.Bgp;

/// <summary>
/// What announces routes on a node: the native speaker or a local FRR. The announcer sets the peers whenever the
/// allocator's <see cref="BgpPeerSet"/> changes and advertises/withdraws single routes as the plans change; a backend
/// keeps routes for a peer that is not (yet) configured or up, and sends them when it is.
/// </summary>
public interface IBgpBackend : IAsyncDisposable
{
    /// <summary>Replaces the set of peers. Unchanged peers keep their sessions; removed ones are closed.</summary>
    Task SetPeersAsync(IReadOnlyList<ResolvedPeer> peers, IReadOnlyList<BfdProfileConfig> bfdProfiles, CancellationToken cancellationToken);

    /// <summary>Advertises the prefix to the named peer, replacing earlier attributes of the same prefix there.</summary>
    Task AdvertiseAsync(RouteAdvertisement route, CancellationToken cancellationToken);

    /// <summary>Withdraws the prefix from the named peer.</summary>
    Task WithdrawAsync(RouteAdvertisement route, CancellationToken cancellationToken);

    /// <summary>Every configured peer's session as of now.</summary>
    IReadOnlyList<BgpPeerState> Sessions { get; }

    /// <summary>Raised (on any thread) when a session comes up or goes down.</summary>
    event Action<BgpPeerState>? SessionChanged;
}
