using System.Reflection;
using MetalLb.Cli.Commands;

namespace MetalLb.Cli;

/// <summary>Entry point of <c>metallb-svc</c>: picks the command and turns failures into exit codes.</summary>
public static class CliApp
{
    public const string Usage = """
        usage: metallb-svc <command> [options]

        commands:
          validate  -f PATH... [--namespace NS] [--bgp-mode native|frr] [-o text|json]
                    check manifests as one set, the way they stand after `kubectl apply` of all of them
          plan      -f PATH... [--namespace NS] [--bgp-mode native|frr] [--lb-class C] [--ignore-exclude-lb] [-o table|json]
                    validate, then allocate every Service (its status.loadBalancer.ingress is its current
                    allocation) and show which node announces each IP by L2 and BGP
          lab       -f PATH... [--nodes N] [--broker amqp://user:pass@host:port/vhost] [-o table|json] [--watch]
                    [--namespace NS] [--bgp-mode native|frr] [--lb-class C] [--timeout SECONDS] [--verbose]
                    run the whole suite in one process on the manifests: every object through the webhook's
                    admission, the allocator, and N simulated announcer nodes on the real message bus (in memory,
                    or RabbitMQ with --broker); wait until every node has applied every plan, then show each
                    Service's IPs and the nodes announcing them by L2 and BGP. --watch re-applies changed files
          convert   -f FILE... [--namespace NS] [--bgp-mode native|frr]
                    turn MetalLB's legacy ConfigMap `config` (a manifest, or the YAML of its config key) and the
                    Palette pack values (manifests.metallb addresses/avoidBuggyIps, charts.metallb-full.configuration)
                    into metallb.io objects on stdout; anything that cannot be converted is reported with its line
          version   print the version

        PATH is a file, a directory (read recursively: *.yaml, *.yml, *.json) or - for standard input; FILE is a file or -.
        exit codes: 0 valid (lab: settled; convert: written), 1 invalid (lab: a write denied or not settled; convert: not
        convertible or not valid, nothing written), 2 usage or read error
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            await console.Out.WriteLineAsync(Usage);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        try
        {
            var rest = args.Skip(1).ToArray();
            return args[0] switch
            {
                "validate" => await ValidateCommand.RunAsync(rest, console),
                "plan" => await PlanCommand.RunAsync(rest, console),
                "convert" => await ConvertCommand.RunAsync(rest, console),
                "lab" => await Lab.LabCommand.RunAsync(rest, console, Cancellation()),
                "version" or "--version" => await PrintVersionAsync(console),
                _ => throw new UsageException($"unknown command \"{args[0]}\""),
            };
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync($"metallb-svc: {e.Message}");
            await console.Error.WriteLineAsync(Usage);
            return ExitCodes.Usage;
        }
    }

    /// <summary>Cancelled by Ctrl+C, so <c>lab --watch</c> stops cleanly.</summary>
    private static CancellationToken Cancellation()
    {
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        return cts.Token;
    }

    private static async Task<int> PrintVersionAsync(CliConsole console)
    {
        var version = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        await console.Out.WriteLineAsync($"metallb-svc {version}");
        return ExitCodes.Ok;
    }
}
