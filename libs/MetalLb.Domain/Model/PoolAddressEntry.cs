using MetalLb.Domain.Net;

namespace MetalLb.Domain.Model;

/// <summary>One parsed <c>spec.addresses</c> item of a pool: a CIDR or an inclusive range.</summary>
public sealed record PoolAddressEntry(string Text, IpRange Range, bool IsRange, IReadOnlyList<IpPrefix> Prefixes)
{
    public IpFamily Family => Range.Family;

    /// <summary>The shortest prefix length among the summarised CIDRs (the "widest CIDR" of rule B4).</summary>
    public int WidestPrefixLength => Prefixes.Min(p => p.Length);

    public UInt128 Size => Range.Size;

    /// <summary>Parses a CIDR or a <c>start-end</c> range (spaces around the dash allowed).</summary>
    /// <returns>The entry, or null with <paramref name="error"/> set to MetalLB's wording.</returns>
    public static PoolAddressEntry? TryParse(string text, string poolName, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        var dash = trimmed.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (!IpPrefix.TryParse(trimmed, out var prefix))
            {
                error = $"invalid CIDR \"{text}\" in pool \"{poolName}\": invalid CIDR \"{text}\"";
                return null;
            }

            return new PoolAddressEntry(trimmed, IpRange.Of(prefix), false, [prefix]);
        }

        var startText = trimmed[..dash].Trim();
        var endText = trimmed[(dash + 1)..].Trim();
        if (!IpAddress.TryParse(startText, out var start))
        {
            error = $"invalid IP range \"{text}\": invalid start IP \"{startText}\"";
            return null;
        }

        if (!IpAddress.TryParse(endText, out var end))
        {
            error = $"invalid IP range \"{text}\": invalid end IP \"{endText}\"";
            return null;
        }

        if (start.Family != end.Family)
        {
            error = $"invalid IP range \"{text}\": start IP \"{startText}\" and end IP \"{endText}\" are of different families";
            return null;
        }

        if (start > end)
        {
            error = $"invalid IP range \"{text}\": start IP \"{startText}\" is after the end IP \"{endText}\"";
            return null;
        }

        var range = new IpRange(start, end);
        return new PoolAddressEntry($"{start}-{end}", range, true, range.ToPrefixes());
    }

    public override string ToString() => Text;
}
