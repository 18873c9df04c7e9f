namespace MetalLb.Domain.Model;

/// <summary>A BGP community value: standard <c>A:B</c> (two uint16) or large <c>large:A:B:C</c> (three uint32).</summary>
/// <remarks>Ordered standard before large, then numerically, so route attributes are deterministic.</remarks>
public readonly record struct BgpCommunity(BgpCommunityKind Kind, uint Global, uint Data1, uint Data2) : IComparable<BgpCommunity>
{
    public static BgpCommunity Standard(ushort high, ushort low) => new(BgpCommunityKind.Standard, high, low, 0);

    public static BgpCommunity Large(uint global, uint data1, uint data2) => new(BgpCommunityKind.Large, global, data1, data2);

    public bool IsLarge => Kind == BgpCommunityKind.Large;

    /// <summary>The 32-bit wire value of a standard community.</summary>
    public uint StandardValue => (Global << 16) | Data1;

    public int CompareTo(BgpCommunity other)
    {
        var c = ((int)Kind).CompareTo((int)other.Kind);
        if (c == 0)
        {
            c = Global.CompareTo(other.Global);
        }

        if (c == 0)
        {
            c = Data1.CompareTo(other.Data1);
        }

        return c != 0 ? c : Data2.CompareTo(other.Data2);
    }

    public override string ToString() => IsLarge ? $"large:{Global}:{Data1}:{Data2}" : $"{Global}:{Data1}";
}
