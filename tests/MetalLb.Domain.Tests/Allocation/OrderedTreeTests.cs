using MetalLb.Domain.Allocation;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>The AVL tree's floor/ceiling lookups checked against a sorted model.</summary>
public class OrderedTreeTests
{
    [Fact]
    public void RandomOperations_MatchSortedModel()
    {
        var random = new Random(42);
        var tree = new OrderedTree<int>();
        var model = new SortedDictionary<int, int>();

        for (var step = 0; step < 20_000; step++)
        {
            var key = random.Next(0, 2_000);
            if (random.Next(2) == 0)
            {
                Assert.Equal(model.Remove(key), tree.Remove((UInt128)key));
            }
            else
            {
                model[key] = step;
                tree.Set((UInt128)key, step);
            }

            var probe = random.Next(0, 2_000);
            var floor = model.Keys.Where(k => k <= probe).DefaultIfEmpty(-1).Max();
            var ceiling = model.Keys.Where(k => k >= probe).DefaultIfEmpty(-1).Min();
            Assert.Equal(floor >= 0, tree.TryFloor((UInt128)probe, out var f, out var fv));
            Assert.Equal(ceiling >= 0, tree.TryCeiling((UInt128)probe, out var c, out var cv));
            if (floor >= 0)
            {
                Assert.Equal(((UInt128)floor, model[floor]), (f, fv));
            }

            if (ceiling >= 0)
            {
                Assert.Equal(((UInt128)ceiling, model[ceiling]), (c, cv));
            }
        }

        Assert.Equal(model.Count, tree.Count);
        Assert.Equal(model.Keys.Select(k => (UInt128)k), tree.Entries().Select(e => e.Key));
    }
}
