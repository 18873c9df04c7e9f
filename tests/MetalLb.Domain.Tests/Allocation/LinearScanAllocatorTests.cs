using MetalLb.Domain.Allocation;
using static MetalLb.Domain.Tests.Allocation.AllocationFixtures;

namespace MetalLb.Domain.Tests.Allocation;

/// <summary>The benchmark baseline walks the pool as MetalLB does; the allocator must pick the same addresses.</summary>
public class LinearScanAllocatorTests
{
    [Theory]
    [InlineData(false, 7)]
    [InlineData(true, 8)]
    public void RandomAssignAndRelease_AllocatorAgreesWithLinearScan(bool avoidBuggyIPs, int seed)
    {
        var pool = Pool("p", "10.0.3.250-10.0.5.4", "10.0.0.0/25", "10.0.9.255/32");
        pool = avoidBuggyIPs ? pool.AvoidingBuggyIPs() : pool;
        var allocator = NewAllocator(pool);
        var baseline = new LinearScanAllocator();
        var random = new Random(seed);
        var live = new List<string>();

        for (var step = 0; step < 3_000; step++)
        {
            if (live.Count > 0 && random.Next(3) == 0)
            {
                var victim = live[random.Next(live.Count)];
                live.Remove(victim);
                allocator.Release($"default/{victim}");
                baseline.Release($"default/{victim}");
                continue;
            }

            var name = $"s{step}";
            var expected = baseline.Assign($"default/{name}", pool);
            var result = allocator.Converge(Service(name));

            Assert.Equal(expected?.ToString(), result.Ips.Count > 0 ? result.Ips[0].ToString() : null);
            if (expected is not null)
            {
                live.Add(name);
            }
            else
            {
                allocator.Release($"default/{name}");
            }
        }
    }

    [Fact]
    public void Assign_SameService_ReturnsItsAddress()
    {
        var pool = Pool("p", "1.2.3.0/30");
        var baseline = new LinearScanAllocator();

        var first = baseline.Assign("default/a", pool);
        var again = baseline.Assign("default/a", pool);
        var other = baseline.Assign("default/b", pool);

        Assert.Equal(first, again);
        Assert.Equal("1.2.3.1", other?.ToString());
    }
}
