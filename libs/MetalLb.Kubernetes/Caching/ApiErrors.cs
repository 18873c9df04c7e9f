using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace MetalLb.Kubernetes.Caching;

/// <summary>
/// Recognises the API server's "resourceVersion too old" answer, which calls for a relist rather than a retry, and
/// KubernetesClient's way of reporting a watch that the server closed before any event.
/// </summary>
internal static class ApiErrors
{
    /// <summary>410 Gone (reason <c>Expired</c> or <c>Gone</c>): the watch cache or etcd no longer holds that version.</summary>
    public static bool IsExpired(V1Status? status) =>
        status is not null && (status.Code == (int)HttpStatusCode.Gone || status.Reason is "Expired" or "Gone");

    /// <summary>The same answer given as the HTTP status of the watch request itself.</summary>
    public static bool IsExpired(Exception exception) => exception switch
    {
        KubernetesException { Status: var status } => IsExpired(status),
        HttpOperationException { Response.StatusCode: HttpStatusCode.Gone } => true,
        _ => false,
    };

    /// <summary>Failures of the connection or of the API server, as opposed to a bug in this process.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is HttpRequestException or IOException or TimeoutException or OperationCanceledException
            or HttpOperationException or KubernetesException or WatchFailedException;

    /// <summary>
    /// KubernetesClient reads the first line of a watch before it hands the response over; when the server ends a
    /// quiet watch at its timeout, that read fails with an <see cref="EndOfStreamException"/> (wrapped by HttpClient)
    /// although nothing went wrong: the watch simply ended without events.
    /// </summary>
    public static bool IsWatchClosedBeforeFirstEvent(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is EndOfStreamException)
            {
                return true;
            }
        }

        return false;
    }
}
