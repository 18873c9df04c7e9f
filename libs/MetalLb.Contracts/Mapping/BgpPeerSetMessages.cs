using MetalLb.Domain.Model;

namespace MetalLb.Contracts.Mapping;

/// <summary>Turns validated BGPPeers and BFDProfiles into their bus form; the password is left to the caller to seal.</summary>
public static class BgpPeerSetMessages
{
    /// <summary>The peer without a password (<see cref="BgpPeerConfig.Password"/> and its problem are null).</summary>
    public static BgpPeerConfig From(Peer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return new BgpPeerConfig(
            peer.Name,
            peer.MyAsn,
            peer.PeerAsn,
            peer.DynamicAsn,
            peer.LocalAsn,
            peer.Address?.ToString(),
            peer.Interface,
            peer.SourceAddress?.ToString(),
            peer.Port,
            peer.HoldTime,
            peer.KeepaliveTime,
            peer.ConnectTime,
            peer.RouterId?.ToString(),
            Password: null,
            PasswordProblem: null,
            peer.BfdProfile,
            peer.EnableGracefulRestart,
            peer.EbgpMultiHop,
            peer.Vrf ?? "",
            peer.DualStackAddressFamily);
    }

    public static BfdProfileConfig From(BfdSettings profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new BfdProfileConfig(
            profile.Name,
            profile.ReceiveInterval,
            profile.TransmitInterval,
            profile.DetectMultiplier,
            profile.EchoInterval,
            profile.EchoMode,
            profile.PassiveMode,
            profile.MinimumTtl);
    }
}
