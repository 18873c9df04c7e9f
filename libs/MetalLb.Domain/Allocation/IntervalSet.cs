namespace MetalLb.Domain.Allocation;

/// <summary>A set of <see cref="UInt128"/> values stored as merged, disjoint, inclusive intervals.</summary>
/// <remarks>
/// Memory is one tree node per maximal run of members, so 10,000 consecutive allocations in an IPv6 /64 cost one
/// node. Because runs are merged, the value after a run is never a member, which makes "first value not in the
/// set at or after x" a single floor lookup.
/// </remarks>
internal sealed class IntervalSet
{
    private readonly OrderedTree<UInt128> _runs = new();

    /// <summary>Number of maximal runs (tree nodes).</summary>
    public int IntervalCount => _runs.Count;

    /// <summary>Number of member values.</summary>
    public UInt128 Count { get; private set; }

    public bool Contains(UInt128 value) => _runs.TryFloor(value, out _, out var end) && end >= value;

    public bool Add(UInt128 value)
    {
        var hasLeft = _runs.TryFloor(value, out var leftStart, out var leftEnd);
        if (hasLeft && leftEnd >= value)
        {
            return false;
        }

        var joinsLeft = hasLeft && leftEnd == value - UInt128.One;
        var joinsRight = false;
        var rightEnd = UInt128.Zero;
        if (value != UInt128.MaxValue && _runs.TryGet(value + UInt128.One, out rightEnd))
        {
            joinsRight = true;
        }

        if (joinsLeft && joinsRight)
        {
            _runs.Remove(value + UInt128.One);
            _runs.Set(leftStart, rightEnd);
        }
        else if (joinsLeft)
        {
            _runs.Set(leftStart, value);
        }
        else if (joinsRight)
        {
            _runs.Remove(value + UInt128.One);
            _runs.Set(value, rightEnd);
        }
        else
        {
            _runs.Set(value, value);
        }

        Count++;
        return true;
    }

    public bool Remove(UInt128 value)
    {
        if (!_runs.TryFloor(value, out var start, out var end) || end < value)
        {
            return false;
        }

        if (start == value)
        {
            _runs.Remove(start);
        }
        else
        {
            _runs.Set(start, value - UInt128.One);
        }

        if (end != value)
        {
            _runs.Set(value + UInt128.One, end);
        }

        Count--;
        return true;
    }

    /// <summary>The smallest value at or after <paramref name="from"/> that is not a member: one O(log n) lookup.</summary>
    /// <returns>False only when every value from <paramref name="from"/> to <see cref="UInt128.MaxValue"/> is a member.</returns>
    public bool TryFirstAbsent(UInt128 from, out UInt128 value)
    {
        if (_runs.TryFloor(from, out _, out var end) && end >= from)
        {
            if (end == UInt128.MaxValue)
            {
                value = default;
                return false;
            }

            value = end + UInt128.One;
            return true;
        }

        value = from;
        return true;
    }
}
