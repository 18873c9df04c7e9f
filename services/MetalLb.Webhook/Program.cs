using MetalLb.Hosting.Telemetry;
using MetalLb.Webhook;
using MetalLb.Webhook.Certificates;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, WebhookOptions.SwitchMappings);
builder.AddMetalLbDefaults(WebhookTelemetry.ServiceName);
builder.AddAdmission();
builder.Services.AddWebhookCertificates(builder.Configuration);
builder.UseWebhookCertificates();

var app = builder.Build();
app.MapAdmission();
app.Run();

/// <summary>The webhook's entry point; public so tests can host it with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
