using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MetalLb.Hosting.Bus;

/// <summary>Registers the MassTransit bus: RabbitMQ when <c>Bus:RabbitMq:Host</c> is set, in memory otherwise.</summary>
public static class BusExtensions
{
    private static readonly TimeSpan[] RetryIntervals =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    /// <summary>
    /// Adds the bus with kebab-case endpoint names and a message retry on every endpoint.
    /// <paramref name="configureBus"/> may add receive endpoints by hand (one per simulated node, say).
    /// </summary>
    public static IHostApplicationBuilder AddMetalLbBus(
        this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator> configureConsumers,
        Action<IBusRegistrationContext, IBusFactoryConfigurator>? configureBus = null)
    {
        builder.Services.AddOptions<RabbitMqOptions>()
            .BindConfiguration(RabbitMqOptions.SectionName)
            .Validate(o => o.Port is > 0 and <= 65535, $"{RabbitMqOptions.SectionName}:Port must be between 1 and 65535")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.SecretDir) || Directory.Exists(o.SecretDir),
                $"{RabbitMqOptions.SectionName}:SecretDir does not exist")
            .ValidateOnStart();
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        var useRabbitMq = builder.Configuration.GetSection(RabbitMqOptions.SectionName).Get<RabbitMqOptions>()?.IsConfigured == true;
        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseMessageRetry(r => r.Intervals(RetryIntervals)));
            configureConsumers(x);
            if (useRabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                    var credentials = RabbitMqCredentials.Resolve(options);
                    var logger = Logger(context);
                    BusLog.UsingRabbitMq(logger, options.Host!, options.Port, options.VirtualHost, options.UseTls);
                    cfg.Host(options.Host, (ushort)options.Port, options.VirtualHost, h =>
                    {
                        h.Username(credentials.Username);
                        h.Password(credentials.Password);
                        if (options.UseTls)
                        {
                            h.UseSsl(s => s.ServerName = options.Host);
                        }
                    });
                    configureBus?.Invoke(context, cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    var logger = Logger(context);
                    BusLog.UsingInMemory(logger);
                    configureBus?.Invoke(context, cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        return builder;
    }

    private static ILogger Logger(IBusRegistrationContext context) =>
        context.GetRequiredService<ILoggerFactory>().CreateLogger("MetalLb.Hosting.Bus");
}
