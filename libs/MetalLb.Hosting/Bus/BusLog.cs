using Microsoft.Extensions.Logging;

namespace MetalLb.Hosting.Bus;

/// <summary>Log messages of the bus set-up.</summary>
internal static partial class BusLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Message bus over RabbitMQ at {Host}:{Port}, virtual host {VirtualHost}, TLS {UseTls}")]
    public static partial void UsingRabbitMq(ILogger logger, string host, int port, string virtualHost, bool useTls);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Message bus in memory (no Bus:RabbitMq:Host configured): messages stay inside this process")]
    public static partial void UsingInMemory(ILogger logger);
}
