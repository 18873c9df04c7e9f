namespace MetalLb.Cli;

/// <summary>The entry point of <c>metallb-svc</c>; in a namespace so projects that also host the webhook can reference it.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, new CliConsole(Console.In, Console.Out, Console.Error));
}
