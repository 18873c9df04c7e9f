namespace MetalLb.Domain.Announcement;

/// <summary>Orders routes by prefix, then LOCAL_PREF, then communities, so plans are identical run to run.</summary>
internal sealed class RouteOrder : IComparer<BgpRoute>
{
    public static RouteOrder Instance { get; } = new();

    public int Compare(BgpRoute? x, BgpRoute? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var c = x.Prefix.CompareTo(y.Prefix);
        if (c == 0)
        {
            c = x.LocalPref.CompareTo(y.LocalPref);
        }

        for (var i = 0; c == 0 && i < Math.Min(x.Communities.Count, y.Communities.Count); i++)
        {
            c = x.Communities[i].CompareTo(y.Communities[i]);
        }

        return c != 0 ? c : x.Communities.Count.CompareTo(y.Communities.Count);
    }
}
