using MassTransit;
using MetalLb.Hosting.Announcing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MetalLb.Hosting.Bgp;

/// <summary>Registrations of the password sealing key and, on an announcer, of its BGP peer set.</summary>
public static class BgpPeerSetExtensions
{
    /// <summary>
    /// The options of section <c>Bgp</c>, the <see cref="PasswordKeyFile"/> and its <see cref="PasswordKeyWatcher"/>;
    /// a <c>Bgp:PasswordKeyFile</c> that names no file fails the start. Both the allocator and the announcer call it.
    /// </summary>
    public static IServiceCollection AddBgpPasswordKey(this IServiceCollection services)
    {
        services.AddOptions<BgpPasswordOptions>()
            .BindConfiguration(BgpPasswordOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => string.IsNullOrWhiteSpace(o.PasswordKeyFile) || File.Exists(o.PasswordKeyFile),
                $"{BgpPasswordOptions.SectionName}:{nameof(BgpPasswordOptions.PasswordKeyFile)} names no file")
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<BgpPasswordOptions>>().Value);
        services.TryAddSingleton<PasswordKeyFile>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PasswordKeyWatcher>());
        return services;
    }

    /// <summary>
    /// This announcer's <see cref="BgpPeerSetAgent"/> for <paramref name="node"/>, fed by <see cref="AnnouncerSync"/>'s
    /// snapshots and told of key changes. It hands the peers to the <see cref="IBgpBackend"/> registered, if any (none:
    /// peers and problems are still known). Register the consumer with <see cref="AddBgpPeerSetConsumer"/>.
    /// </summary>
    public static IServiceCollection AddBgpPeerSets(this IServiceCollection services, string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        services.AddBgpPasswordKey();
        services.TryAddSingleton(sp => new BgpPeerSetAgent(
            node, sp.GetRequiredService<PasswordKeyFile>(), sp.GetService<IBgpBackend>(), sp.GetService<ILogger<BgpPeerSetAgent>>()));
        services.AddSingleton<ISnapshotObserver>(sp => sp.GetRequiredService<BgpPeerSetAgent>());
        services.AddSingleton<IPasswordKeyListener>(sp => sp.GetRequiredService<BgpPeerSetAgent>());
        return services;
    }

    /// <summary>
    /// Consumes peer sets and their digests on a temporary queue of this node's own (every node gets every set and
    /// keeps its own); call it inside <c>AddMetalLbBus</c>.
    /// </summary>
    public static IBusRegistrationConfigurator AddBgpPeerSetConsumer(this IBusRegistrationConfigurator bus, string node)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<BgpPeerSetConsumer>().Endpoint(e =>
        {
            e.InstanceId = node;
            e.Temporary = true;
        });
        return bus;
    }
}
