namespace MetalLb.Hosting.Announcing;

/// <summary>
/// What an announcer does on the network: answer ARP/NDP for an IP (and announce it gratuitously) and advertise BGP
/// routes. The agent calls it only with changes; the real L2 and BGP speakers and the lab's recorder implement it.
/// </summary>
public interface IAnnouncementDataPlane
{
    /// <summary>Starts answering for <paramref name="claim"/>'s IP and announces the takeover (gratuitous ARP / unsolicited NA).</summary>
    Task ClaimAsync(L2Claim claim, CancellationToken cancellationToken);

    /// <summary>Stops answering for the IP.</summary>
    Task ReleaseAsync(L2Claim claim, CancellationToken cancellationToken);

    /// <summary>Advertises the route to its peer, replacing any earlier attributes of the same prefix there.</summary>
    Task AdvertiseAsync(RouteAdvertisement route, CancellationToken cancellationToken);

    /// <summary>Withdraws the route's prefix from its peer.</summary>
    Task WithdrawAsync(RouteAdvertisement route, CancellationToken cancellationToken);

    /// <summary>False for a data plane without a BGP speaker: routes are not asked of it and statuses say so.</summary>
    bool CanAdvertiseRoutes => true;
}
