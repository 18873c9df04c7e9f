namespace MetalLb.Domain.Model;

/// <summary>RFC 1997 standard or RFC 8092 large community.</summary>
public enum BgpCommunityKind
{
    Standard,
    Large,
}
