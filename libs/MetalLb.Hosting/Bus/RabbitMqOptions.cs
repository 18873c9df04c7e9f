namespace MetalLb.Hosting.Bus;

/// <summary>Where the RabbitMQ broker is and how to log in; the bus runs in memory when <see cref="Host"/> is empty.</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "Bus:RabbitMq";

    /// <summary>The broker host name or address; empty selects the in-memory transport.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";

    /// <summary>A mounted Secret directory with files <c>username</c> and <c>password</c>; they win over the settings.</summary>
    public string? SecretDir { get; set; }

    public bool UseTls { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
