namespace MetalLb.Domain.Announcement;

/// <summary>Why (part of) a service is not announced; the strings MetalLB's speaker logs and reports.</summary>
public static class AnnouncementReasons
{
    /// <summary>The service holds no IP.</summary>
    public const string NoIpAllocated = "noIPAllocated";

    /// <summary>No L2 or BGP advertisement of the pool applies to the service.</summary>
    public const string NoMatchingAdvertisement = "noMatchingAdvertisement";

    /// <summary>No serving endpoint exists anywhere (L2, and BGP with externalTrafficPolicy Cluster).</summary>
    public const string NoEndpoints = "noEndpoints";

    /// <summary>externalTrafficPolicy Local and an otherwise eligible node hosts no serving endpoint.</summary>
    public const string NoLocalEndpoints = "noLocalEndpoints";

    /// <summary>L2: the service has allow-shared-ip and an applicable L2Advertisement has serviceSelectors.</summary>
    public const string SharedIpWithServiceSelector = "sharedIPWithServiceSelector";

    /// <summary>BGP: two matching advertisements would send the same prefix with different LOCAL_PREF.</summary>
    public const string ConflictingAdvertisements = "conflictingAdvertisements";

    /// <summary>Advertisements apply, but every selected node is NetworkUnavailable or excluded.</summary>
    public const string NoEligibleNodes = "noEligibleNodes";

    /// <summary>BGP: nodes would announce, but no BGPPeer passing the advertisements' peer filter runs on them.</summary>
    public const string NoPeers = "noPeers";
}
