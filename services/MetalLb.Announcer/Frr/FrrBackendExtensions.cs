using MetalLb.Hosting.Bgp;
using Microsoft.Extensions.Options;

namespace MetalLb.Announcer.Frr;

/// <summary>Registers FRR mode: <see cref="FrrOptions"/> (section <c>Frr</c>), the vtysh/frr-reload control and the backend as <see cref="IBgpBackend"/>.</summary>
public static class FrrBackendExtensions
{
    public static IServiceCollection AddFrrBackend(this IServiceCollection services)
    {
        services.AddOptions<FrrOptions>().BindConfiguration(FrrOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IFrrControl, VtyshFrrControl>();
        services.AddSingleton(sp => new FrrBgpBackend(
            sp.GetRequiredService<IOptions<AnnouncerOptions>>().Value.NodeName!,
            sp.GetRequiredService<IFrrControl>(),
            sp.GetRequiredService<IOptions<FrrOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<FrrBgpBackend>>()));
        services.AddSingleton<IBgpBackend>(sp => sp.GetRequiredService<FrrBgpBackend>());
        return services;
    }
}
