namespace MetalLb.Kubernetes.Caching;

/// <summary>An ERROR event other than 410 Gone, or a watch that outlived its deadline: the cache retries after a backoff.</summary>
public sealed class WatchFailedException : Exception
{
    public WatchFailedException()
    {
    }

    public WatchFailedException(string message)
        : base(message)
    {
    }

    public WatchFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
