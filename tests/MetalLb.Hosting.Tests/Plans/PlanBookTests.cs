using MetalLb.Contracts;
using MetalLb.Hosting.Plans;

namespace MetalLb.Hosting.Tests.Plans;

public class PlanBookTests
{
    [Fact]
    public void Apply_OlderOrEqualGeneration_IsIgnored()
    {
        var book = new PlanBook();
        book.Apply(TestPlans.Plan("ns/a", 5, "192.0.2.5"));

        var older = book.Apply(TestPlans.Plan("ns/a", 4, "192.0.2.4"));
        var equal = book.Apply(TestPlans.Plan("ns/a", 5, "192.0.2.9"));

        Assert.False(older);
        Assert.False(equal);
        Assert.Equal("192.0.2.5", Assert.Single(book.Find("ns/a")!.Ips));
    }

    [Fact]
    public void Withdrawal_RemovesThePlan_AndALateOlderPlanDoesNotReviveIt()
    {
        var book = new PlanBook();
        book.Apply(TestPlans.Plan("ns/a", 1));
        book.Apply(new AnnouncementWithdrawn("ns/a", 2));

        var revived = book.Apply(TestPlans.Plan("ns/a", 1));

        Assert.False(revived);
        Assert.Null(book.Find("ns/a"));
        Assert.Equal(0, book.Count);
    }

    [Fact]
    public void Withdrawal_BeatsAPlanOfTheSameGeneration_InEitherOrder()
    {
        var first = new PlanBook();
        var second = new PlanBook();

        first.Apply(TestPlans.Plan("ns/a", 3));
        first.Apply(new AnnouncementWithdrawn("ns/a", 3));
        second.Apply(new AnnouncementWithdrawn("ns/a", 3));
        second.Apply(TestPlans.Plan("ns/a", 3));

        Assert.Null(first.Find("ns/a"));
        Assert.Null(second.Find("ns/a"));
    }

    [Fact]
    public void DeletedPlan_IsAWithdrawal()
    {
        var book = new PlanBook();
        book.Apply(TestPlans.Plan("ns/a", 1));

        book.Apply(TestPlans.Plan("ns/a", 2) with { Deleted = true });

        Assert.Null(book.Find("ns/a"));
    }

    [Fact]
    public void NewerPlan_AfterWithdrawal_Returns()
    {
        var book = new PlanBook();
        book.Apply(new AnnouncementWithdrawn("ns/a", 4));

        var applied = book.Apply(TestPlans.Plan("ns/a", 5));

        Assert.True(applied);
        Assert.Equal(5, book.Find("ns/a")!.Generation);
    }

    [Fact]
    public void Replace_TakesTheSnapshot_DropsWhatItLacks_AndKeepsNewerKnowledge()
    {
        var book = new PlanBook();
        book.Apply(TestPlans.Plan("ns/gone", 3));
        book.Apply(TestPlans.Plan("ns/newer", 9));
        book.Apply(TestPlans.Plan("ns/stale", 1));
        var snapshotPlans = new[] { TestPlans.Plan("ns/newer", 8), TestPlans.Plan("ns/stale", 2), TestPlans.Plan("ns/fresh", 1) };

        book.Replace(new AnnouncementSnapshot(snapshotPlans, PlanDigests.Compute(snapshotPlans)));

        Assert.Equal(["ns/fresh", "ns/newer", "ns/stale"], book.Plans.Select(p => p.ServiceKey));
        Assert.Equal(9, book.Find("ns/newer")!.Generation);
        Assert.Equal(2, book.Find("ns/stale")!.Generation);
        Assert.False(book.Apply(TestPlans.Plan("ns/gone", 3)));
    }

    [Fact]
    public void Replace_WithTheAllocatorsPlans_RestoresAPlanThatWasWronglyTombstoned()
    {
        var book = new PlanBook();
        book.Apply(TestPlans.Plan("ns/a", 1));
        book.Replace(new AnnouncementSnapshot([], PlanDigests.Compute([])));
        var plans = new[] { TestPlans.Plan("ns/a", 1) };

        book.Replace(new AnnouncementSnapshot(plans, PlanDigests.Compute(plans)));

        Assert.NotNull(book.Find("ns/a"));
    }

    [Fact]
    public void Digest_MatchesTheAllocatorsDigest_OnlyWhenTheSamePlansAreKnown()
    {
        var allocator = new[] { TestPlans.Plan("ns/a", 2), TestPlans.Plan("ns/b", 7) };
        var book = new PlanBook();
        book.Apply(TestPlans.Plan("ns/b", 7));
        book.Apply(TestPlans.Plan("ns/a", 1));
        var digest = PlanDigests.Compute(allocator);

        var before = book.NeedsResync(digest);
        book.Apply(TestPlans.Plan("ns/a", 2));
        var after = book.NeedsResync(digest);

        Assert.True(before);
        Assert.False(after);
        Assert.Equal(digest, book.Digest());
        Assert.Equal(new PlanDigest(2, digest.Hash, 7), digest);
    }

    [Fact]
    public void Digest_OfNothing_IsStable()
    {
        var digest = PlanDigests.Compute([]);

        Assert.Equal(0, digest.Count);
        Assert.Equal(0, digest.HighestGeneration);
        Assert.Equal(digest, new PlanBook().Digest());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(1000)]
    public void AnyPermutationWithDuplicates_ConvergesToTheSameBook(int seed)
    {
        var random = new Random(seed);
        var messages = MessageHistory(random);
        var expected = Play(messages);

        for (var round = 0; round < 200; round++)
        {
            var shuffled = messages.Concat(messages.Where(_ => random.Next(3) == 0)).ToArray();
            random.Shuffle(shuffled);

            var book = Play(shuffled);

            Assert.Equal(expected.Digest(), book.Digest());
            Assert.Equal(
                expected.Plans.Select(p => (p.ServiceKey, p.Generation, p.Ips[0])),
                book.Plans.Select(p => (p.ServiceKey, p.Generation, p.Ips[0])));
        }
    }

    [Fact]
    public void AnyPermutation_EndsWithTheLastStateOfEveryService()
    {
        var random = new Random(7);
        var messages = MessageHistory(random);
        var shuffled = messages.ToArray();
        random.Shuffle(shuffled);

        var book = Play(shuffled);

        var expected = messages
            .GroupBy(KeyOf)
            .Select(g => g.MaxBy(GenerationOf)!)
            .OfType<AnnouncementPlan>()
            .Where(p => !p.Deleted)
            .OrderBy(p => p.ServiceKey, StringComparer.Ordinal)
            .Select(p => (p.ServiceKey, p.Generation));
        Assert.Equal(expected, book.Plans.Select(p => (p.ServiceKey, p.Generation)));
    }

    [Fact]
    public void SnapshotInTheMiddleOfAReplay_StillConverges()
    {
        var random = new Random(11);
        var messages = MessageHistory(random);
        var expected = Play(messages);
        var snapshot = new AnnouncementSnapshot(expected.Plans, expected.Digest());

        for (var round = 0; round < 100; round++)
        {
            var shuffled = messages.ToArray();
            random.Shuffle(shuffled);
            var book = new PlanBook();
            var cut = random.Next(shuffled.Length);

            foreach (var message in shuffled[..cut])
            {
                Apply(book, message);
            }

            book.Replace(snapshot);
            foreach (var message in shuffled[cut..])
            {
                Apply(book, message);
            }

            Assert.False(book.NeedsResync(snapshot.Digest));
        }
    }

    private static List<object> MessageHistory(Random random)
    {
        var messages = new List<object>();
        for (var service = 0; service < 12; service++)
        {
            var key = $"ns/svc-{service}";
            var generations = random.Next(1, 6);
            for (var generation = 1; generation <= generations; generation++)
            {
                messages.Add(random.Next(4) == 0
                    ? new AnnouncementWithdrawn(key, generation)
                    : TestPlans.Plan(key, generation, $"192.0.2.{(service * 10) + generation}"));
            }
        }

        return messages;
    }

    private static PlanBook Play(IEnumerable<object> messages)
    {
        var book = new PlanBook();
        foreach (var message in messages)
        {
            Apply(book, message);
        }

        return book;
    }

    private static void Apply(PlanBook book, object message)
    {
        if (message is AnnouncementPlan plan)
        {
            book.Apply(plan);
        }
        else
        {
            book.Apply((AnnouncementWithdrawn)message);
        }
    }

    private static string KeyOf(object message) =>
        message is AnnouncementPlan plan ? plan.ServiceKey : ((AnnouncementWithdrawn)message).ServiceKey;

    private static long GenerationOf(object message) =>
        message is AnnouncementPlan plan ? plan.Generation : ((AnnouncementWithdrawn)message).Generation;
}
