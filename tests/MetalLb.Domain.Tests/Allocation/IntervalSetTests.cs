using MetalLb.Domain.Allocation;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>The merged-interval set behind "first free address" checked against a plain set model.</summary>
public class IntervalSetTests
{
    [Fact]
    public void Add_AdjacentValues_MergeIntoOneRun()
    {
        var set = new IntervalSet();

        set.Add(5);
        set.Add(7);
        var beforeBridge = set.IntervalCount;
        set.Add(6);

        Assert.Equal(2, beforeBridge);
        Assert.Equal(1, set.IntervalCount);
        Assert.Equal((UInt128)3, set.Count);
    }

    [Fact]
    public void Remove_MiddleOfRun_SplitsIt()
    {
        var set = new IntervalSet();
        for (var i = 0; i < 10; i++)
        {
            set.Add((UInt128)i);
        }

        set.Remove(4);

        Assert.Equal(2, set.IntervalCount);
        Assert.True(set.TryFirstAbsent(0, out var free));
        Assert.Equal((UInt128)4, free);
    }

    [Fact]
    public void TryFirstAbsent_AtTopOfSpace_ReportsNone()
    {
        var set = new IntervalSet();
        set.Add(UInt128.MaxValue - UInt128.One);
        set.Add(UInt128.MaxValue);

        Assert.False(set.TryFirstAbsent(UInt128.MaxValue - UInt128.One, out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomOperations_MatchSetModel(int seed)
    {
        var random = new Random(seed);
        var set = new IntervalSet();
        var model = new SortedSet<int>();

        for (var step = 0; step < 5_000; step++)
        {
            var value = random.Next(0, 400);
            if (random.Next(3) == 0)
            {
                Assert.Equal(model.Remove(value), set.Remove((UInt128)value));
            }
            else
            {
                Assert.Equal(model.Add(value), set.Add((UInt128)value));
            }

            var from = random.Next(0, 400);
            var expected = from;
            while (model.Contains(expected))
            {
                expected++;
            }

            Assert.True(set.TryFirstAbsent((UInt128)from, out var actual));
            Assert.Equal((UInt128)expected, actual);
            Assert.Equal(model.Contains(from), set.Contains((UInt128)from));
        }

        Assert.Equal(Runs(model), set.IntervalCount);
    }

    private static int Runs(SortedSet<int> model)
    {
        var runs = 0;
        var previous = int.MinValue;
        foreach (var v in model)
        {
            if (v != previous + 1)
            {
                runs++;
            }

            previous = v;
        }

        return runs;
    }
}
