using MetalLb.Domain.Model;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

/// <summary>The addresses in use inside one <c>spec.addresses</c> entry of a pool, as an <see cref="IntervalSet"/>.</summary>
/// <remarks>
/// When the pool avoids buggy IPs, IPv4 addresses are stored in a compressed coordinate that numbers only the
/// addresses ending in .1–.254 (254 per /24). The .0 and .255 addresses are then skipped arithmetically: they have
/// no coordinate, are never materialised, and a run of allocations crossing a /24 boundary stays one interval, so
/// "first free" remains one lookup even in a nearly full avoidBuggyIPs /16.
/// </remarks>
internal sealed class EntryIndex
{
    private const uint UsablePerBlock = 254;

    private readonly UInt128 _first;
    private readonly UInt128 _last;

    public EntryIndex(PoolAddressEntry entry, bool avoidBuggyIPs)
    {
        Entry = entry;
        SkipsBuggy = avoidBuggyIPs && entry.Family == IpFamily.V4;
        var start = entry.Range.Start.Value;
        var end = entry.Range.End.Value;
        if (!SkipsBuggy)
        {
            _first = start;
            _last = end;
            return;
        }

        var first = FirstUsableAtOrAfter((uint)start);
        var last = LastUsableAtOrBefore((uint)end);
        if (first is null || last is null || first > last)
        {
            IsEmpty = true;
            return;
        }

        _first = Compress(first.Value);
        _last = Compress(last.Value);
    }

    public PoolAddressEntry Entry { get; }

    public IpFamily Family => Entry.Family;

    /// <summary>True when .0/.255 addresses are excluded (avoidBuggyIPs on an IPv4 entry).</summary>
    public bool SkipsBuggy { get; }

    /// <summary>True when the entry holds no allocatable address (e.g. <c>1.2.3.0/32</c> with avoidBuggyIPs).</summary>
    public bool IsEmpty { get; }

    public IntervalSet Used { get; } = new();

    /// <summary>True when <paramref name="address"/> is an allocatable address of this entry.</summary>
    public bool Covers(IpAddress address) =>
        Entry.Range.Contains(address) && !(SkipsBuggy && address.IsBuggyV4);

    public bool Add(IpAddress address) => Used.Add(ToCoordinate(address));

    public bool Remove(IpAddress address) => Used.Remove(ToCoordinate(address));

    public bool IsUsed(IpAddress address) => Used.Contains(ToCoordinate(address));

    /// <summary>The lowest unused address of the entry, or the lowest after <paramref name="after"/> when given.</summary>
    public IpAddress? FirstFree(IpAddress? after = null)
    {
        if (IsEmpty)
        {
            return null;
        }

        var from = _first;
        if (after is { } previous)
        {
            var coordinate = ToCoordinate(previous);
            if (coordinate >= _last)
            {
                return null;
            }

            from = UInt128.Max(_first, coordinate + UInt128.One);
        }

        if (!Used.TryFirstAbsent(from, out var free) || free > _last)
        {
            return null;
        }

        return FromCoordinate(free);
    }

    private UInt128 ToCoordinate(IpAddress address) => SkipsBuggy ? Compress((uint)address.Value) : address.Value;

    private IpAddress FromCoordinate(UInt128 coordinate) =>
        SkipsBuggy ? IpAddress.V4(Expand(coordinate)) : IpAddress.FromValue(coordinate, Family);

    private static UInt128 Compress(uint address) => ((UInt128)(address >> 8) * UsablePerBlock) + (address & 0xFF) - 1;

    private static uint Expand(UInt128 coordinate)
    {
        var block = (uint)(coordinate / UsablePerBlock);
        var offset = (uint)(coordinate % UsablePerBlock) + 1;
        return (block << 8) | offset;
    }

    private static uint? FirstUsableAtOrAfter(uint address) => (address & 0xFF) switch
    {
        0 => address + 1,
        255 => address >= 0xFFFF_FF00 ? null : address + 2,
        _ => address,
    };

    private static uint? LastUsableAtOrBefore(uint address) => (address & 0xFF) switch
    {
        255 => address - 1,
        0 => address < 0x100 ? null : address - 2,
        _ => address,
    };
}
