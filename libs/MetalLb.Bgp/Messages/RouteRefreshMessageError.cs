namespace MetalLb.Bgp.Messages;

/// <summary>Subcodes of the ROUTE-REFRESH Message Error (RFC 7313 §5).</summary>
public enum RouteRefreshMessageError : byte
{
    InvalidMessageLength = 1,
}
