namespace MetalLb.Announcer;

/// <summary>The announcer's entry point; in a namespace so hosts of several services can reference it.</summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddCommandLine(args, AnnouncerOptions.SwitchMappings);
        builder.AddAnnouncer();

        var app = builder.Build();
        app.MapAnnouncerEndpoints();
        app.Run();
    }
}
