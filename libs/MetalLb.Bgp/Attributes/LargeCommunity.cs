namespace MetalLb.Bgp.Attributes;

/// <summary>An RFC 8092 large community, written <c>global:local1:local2</c>.</summary>
public readonly record struct LargeCommunity(uint GlobalAdministrator, uint LocalData1, uint LocalData2)
{
    public override string ToString() => $"{GlobalAdministrator}:{LocalData1}:{LocalData2}";
}
