namespace MetalLb.Allocator;

/// <summary>The allocator's entry point; in a namespace so hosts of several services can reference it.</summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddAllocatorService();

        var app = builder.Build();
        app.MapAllocatorService();
        app.Run();
    }
}
