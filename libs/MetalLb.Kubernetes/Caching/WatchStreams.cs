using System.Runtime.CompilerServices;
using k8s;

namespace MetalLb.Kubernetes.Caching;

/// <summary>
/// Adapts a KubernetesClient watch enumeration to <see cref="WatchItem"/>s. KubernetesClient reports ERROR events
/// (a Status) and objects it could not deserialize through an <c>onError</c> callback and goes on; here they become
/// items, in the order they arrived relative to the events around them.
/// </summary>
internal static class WatchStreams
{
    public static async IAsyncEnumerable<WatchItem> TranslateAsync<T>(
        Func<Action<Exception>, IAsyncEnumerable<(WatchEventType Type, T Object)>> open,
        Func<WatchEventType, T, WatchItem> decode,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The callback runs inside MoveNextAsync, before the event that follows it is yielded.
        var errors = new Queue<Exception>();
        var events = open(errors.Enqueue).WithCancellation(cancellationToken).ConfigureAwait(false).GetAsyncEnumerator();
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync();
                }
                catch (Exception ex) when (ApiErrors.IsWatchClosedBeforeFirstEvent(ex))
                {
                    more = false;
                }

                while (errors.TryDequeue(out var error))
                {
                    yield return FromError(error);
                }

                if (!more)
                {
                    yield break;
                }

                var (type, value) = events.Current;
                yield return decode(type, value);
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    public static WatchItem FromError(Exception error) => error switch
    {
        KubernetesException { Status: var status } => WatchItem.Failed(
            status?.Code, status?.Message ?? error.Message, ApiErrors.IsExpired(status)),
        _ => WatchItem.Malformed(null, null, error.Message),
    };
}
