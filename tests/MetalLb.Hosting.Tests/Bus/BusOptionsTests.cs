using MetalLb.Hosting.Bus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MetalLb.Hosting.Tests.Bus;

public class BusOptionsTests
{
    [Fact]
    public async Task BadPort_FailsAtStart_WithTheSettingsName()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Bus:RabbitMq:Port"] = "70000" });
        builder.AddMetalLbBus(_ => { });
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Bus:RabbitMq:Port", error.Message);
    }
}
