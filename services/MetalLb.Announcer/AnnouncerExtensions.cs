using System.Diagnostics.Metrics;
using MetalLb.Announcer.Bgp;
using MetalLb.Announcer.Frr;
using MetalLb.Announcer.Layer2;
using MetalLb.Announcer.Membership;
using MetalLb.Announcer.Metrics;
using MetalLb.Bgp.Speaker;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;
using MetalLb.Hosting.Bus;
using MetalLb.Hosting.Telemetry;
using MetalLb.Layer2.Interfaces;
using MetalLb.Layer2.Responder;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MetalLb.Announcer;

/// <summary>The announcer's composition: no Kubernetes API, only the bus, the membership, the L2 data plane and a BGP backend.</summary>
public static class AnnouncerExtensions
{
    public static IHostApplicationBuilder AddAnnouncer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(AnnouncerOptions.SectionName);
        var node = section[nameof(AnnouncerOptions.NodeName)];
        if (string.IsNullOrEmpty(node))
        {
            node = builder.Configuration[MetalLbTelemetry.NodeNameVariable] ?? Environment.GetEnvironmentVariable(MetalLbTelemetry.NodeNameVariable);
            section[nameof(AnnouncerOptions.NodeName)] = node;
        }

        builder.AddMetalLbDefaults("metallb-svc-announcer");
        builder.AddMetalLbPrometheus();
        var services = builder.Services;
        services.AddOptions<AnnouncerOptions>().BindConfiguration(AnnouncerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AnnouncerOptions>>().Value;
            return new Hosting.Announcing.Membership(o.NodeName!, sp.GetRequiredService<TimeProvider>(), o.HeartbeatInterval, o.MissedHeartbeats);
        });
        services.AddSingleton(sp => new InterfaceSelector(
            sp.GetRequiredService<IOptions<AnnouncerOptions>>().Value.ExcludeInterfaces ?? InterfaceSelector.DefaultExcludes));
        services.AddSingleton<L2Counters>();
        services.AddSingleton<PcapDataPlane>();
        services.AddSingleton(sp => new NodeDataPlane(sp.GetRequiredService<PcapDataPlane>(), sp.GetService<IBgpBackend>()));
        services.AddSingleton(sp => new AnnouncerAgent(
            sp.GetRequiredService<IOptions<AnnouncerOptions>>().Value.NodeName!,
            sp.GetRequiredService<NodeDataPlane>(),
            sp.GetRequiredService<Hosting.Announcing.Membership>().StateOf,
            sp.GetRequiredService<ILogger<AnnouncerAgent>>()));
        services.AddSingleton<AnnouncerSync>();
        services.AddSingleton<StatusReporter>();
        services.AddSingleton<HeartbeatService>();
        services.AddSingleton<SnapshotService>();
        services.AddSingleton<AnnouncerMetrics>();
        services.AddSingleton(sp => new PlanAgeMetric(
            sp.GetRequiredService<IMeterFactory>(),
            sp.GetRequiredService<IOptions<AnnouncerOptions>>().Value.NodeName!,
            sp.GetRequiredService<TimeProvider>()));
        var bgp = AddBgpBackend(services, section.GetValue(nameof(AnnouncerOptions.BgpMode), BgpMode.Native), node);

        // Order matters: links are read before the first snapshot converges anything.
        services.AddHostedService<LinkMonitor>();
        services.AddHostedService<ConflictReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusReporter>());
        services.AddHostedService(sp =>
        {
            // The gauges exist from the start, before the first snapshot reports anything.
            sp.GetRequiredService<AnnouncerMetrics>();
            sp.GetService<BgpMetrics>();
            sp.GetRequiredService<PlanAgeMetric>();
            return sp.GetRequiredService<SnapshotService>();
        });
        services.AddHostedService(sp => sp.GetRequiredService<HeartbeatService>());
        services.AddHostedService<HandOverService>();

        // Every announcer gets every plan and heartbeat on a queue of its own, deleted when it goes.
        builder.AddMetalLbBus(x =>
        {
            x.AddConsumer<AnnouncerConsumer>().Endpoint(e => PerNode(e, node));
            x.AddConsumer<HeartbeatConsumer>().Endpoint(e => PerNode(e, node));
            if (bgp)
            {
                x.AddBgpPeerSetConsumer(node ?? "");
            }
        });
        services.AddHealthChecks().AddCheck<SyncedCheck>("synced");
        return builder;
    }

    /// <summary>Maps <c>/metrics</c> (Prometheus), <c>/healthz</c> (alive) and <c>/readyz</c> (first snapshot applied, bus healthy).</summary>
    public static WebApplication MapAnnouncerEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMetalLbMetrics();
        app.MapMetalLbHealth();
        return app;
    }

    /// <summary>
    /// The BGP backend <paramref name="mode"/> names, the peer sets that feed it and its metrics; none for
    /// <see cref="BgpMode.None"/>. Returns whether there is one.
    /// </summary>
    private static bool AddBgpBackend(IServiceCollection services, BgpMode mode, string? node)
    {
        switch (mode)
        {
            case BgpMode.Native:
                services.AddOptions<BgpSpeakerOptions>().BindConfiguration(BgpSpeakerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart()
                    .PostConfigure(o => o.NodeName ??= node);
                services.AddSingleton<NativeBgpBackend>();
                services.AddSingleton<IBgpBackend>(sp => sp.GetRequiredService<NativeBgpBackend>());
                break;
            case BgpMode.Frr:
                services.AddFrrBackend();
                break;
            default:
                return false;
        }

        services.AddBgpPeerSets(node ?? "");
        services.AddSingleton<BgpMetrics>();
        return true;
    }

    private static void PerNode(MassTransit.IEndpointRegistrationConfigurator endpoint, string? node)
    {
        endpoint.InstanceId = node ?? "";
        endpoint.Temporary = true;
    }

    private sealed class SyncedCheck(SnapshotService snapshots) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(snapshots.IsSynced ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("no plan snapshot yet"));
    }
}
