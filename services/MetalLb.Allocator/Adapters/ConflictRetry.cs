using System.Net;
using k8s.Autorest;

namespace MetalLb.Allocator.Adapters;

/// <summary>Runs a guarded write again, with a fresh read, when the API server answers 409 Conflict.</summary>
internal static class ConflictRetry
{
    public const int MaxAttempts = 5;

    /// <param name="write">Called with the attempt number (0 first); from 1 on it must re-read what it guards on.</param>
    public static async Task RunAsync(Func<int, Task> write)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await write(attempt).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException ex) when (IsConflict(ex) && attempt + 1 < MaxAttempts)
            {
            }
        }
    }

    public static bool IsConflict(HttpOperationException ex) => ex.Response.StatusCode == HttpStatusCode.Conflict;

    public static bool IsNotFound(HttpOperationException ex) => ex.Response.StatusCode == HttpStatusCode.NotFound;
}
