namespace MetalLb.Announcer.Frr;

/// <summary>FRR refused a configuration or did not answer; the message carries FRR's own words with passwords masked.</summary>
public sealed class FrrUnavailableException : Exception
{
    public FrrUnavailableException()
    {
    }

    public FrrUnavailableException(string message)
        : base(message)
    {
    }

    public FrrUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
