using MetalLb.Bgp.Attributes;

namespace MetalLb.Bgp.Speaker;

/// <summary>
/// What a route carries besides its prefix: LOCAL_PREF (sent to iBGP peers only) and communities, sorted and without
/// duplicates so equal sets compare equal and prefixes with equal attributes share an UPDATE.
/// </summary>
public sealed class RouteAttributes : IEquatable<RouteAttributes>
{
    /// <summary>At most this many of each kind, so one prefix with all its attributes always fits a 4096-octet UPDATE.</summary>
    public const int MaxCommunities = 255;

    public const int MaxLargeCommunities = 170;

    public RouteAttributes(uint? localPref = null, IEnumerable<Community>? communities = null, IEnumerable<LargeCommunity>? largeCommunities = null)
    {
        LocalPref = localPref;
        Communities = [.. (communities ?? []).Distinct().OrderBy(c => c.Value)];
        LargeCommunities = [.. (largeCommunities ?? []).Distinct()
            .OrderBy(c => c.GlobalAdministrator).ThenBy(c => c.LocalData1).ThenBy(c => c.LocalData2)];
        if (Communities.Count > MaxCommunities || LargeCommunities.Count > MaxLargeCommunities)
        {
            throw new ArgumentException($"at most {MaxCommunities} communities and {MaxLargeCommunities} large communities per route");
        }
    }

    public static RouteAttributes None { get; } = new();

    /// <summary>LOCAL_PREF for iBGP peers; null sends the usual default of 100 to them.</summary>
    public uint? LocalPref { get; }

    public IReadOnlyList<Community> Communities { get; }

    public IReadOnlyList<LargeCommunity> LargeCommunities { get; }

    public bool Equals(RouteAttributes? other) =>
        ReferenceEquals(this, other) || (other is not null && LocalPref == other.LocalPref
        && Communities.SequenceEqual(other.Communities) && LargeCommunities.SequenceEqual(other.LargeCommunities));

    public override bool Equals(object? obj) => Equals(obj as RouteAttributes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(LocalPref);
        foreach (var community in Communities)
        {
            hash.Add(community);
        }

        foreach (var community in LargeCommunities)
        {
            hash.Add(community);
        }

        return hash.ToHashCode();
    }

    public override string ToString() =>
        $"localpref {LocalPref?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} communities [{string.Join(' ', Communities)}] large [{string.Join(' ', LargeCommunities)}]";
}
