namespace MetalLb.Bgp.Speaker;

/// <summary>A dial that failed, with the reason as the session's status shows it.</summary>
internal sealed class DialException(string message) : Exception(message);
