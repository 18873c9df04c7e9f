namespace MetalLb.Cli;

/// <summary>A command line that cannot be run; the message is printed with the usage and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
