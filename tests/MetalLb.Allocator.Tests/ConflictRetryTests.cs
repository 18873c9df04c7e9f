using System.Net;
using k8s.Autorest;
using MetalLb.Allocator.Adapters;

namespace MetalLb.Allocator.Tests;

public sealed class ConflictRetryTests
{
    [Fact]
    public async Task RunAsync_ConflictThenSuccess_RetriesWithAFreshAttempt()
    {
        var attempts = new List<int>();

        await ConflictRetry.RunAsync(attempt =>
        {
            attempts.Add(attempt);
            return attempt < 2 ? throw Http(HttpStatusCode.Conflict) : Task.CompletedTask;
        });

        Assert.Equal([0, 1, 2], attempts);
    }

    [Fact]
    public async Task RunAsync_ConflictEveryTime_GivesUpAfterMaxAttempts()
    {
        var attempts = 0;

        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => ConflictRetry.RunAsync(_ =>
        {
            attempts++;
            throw Http(HttpStatusCode.Conflict);
        }));

        Assert.Equal(ConflictRetry.MaxAttempts, attempts);
        Assert.True(ConflictRetry.IsConflict(ex));
    }

    [Fact]
    public async Task RunAsync_OtherError_IsNotRetried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<HttpOperationException>(() => ConflictRetry.RunAsync(_ =>
        {
            attempts++;
            throw Http(HttpStatusCode.UnprocessableEntity);
        }));

        Assert.Equal(1, attempts);
    }

    private static HttpOperationException Http(HttpStatusCode code) =>
        new($"status {(int)code}") { Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), "") };
}
