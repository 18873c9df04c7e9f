using MetalLb.Domain.Allocation;
using MetalLb.Domain.Announcement;
using MetalLb.Domain.Config;
using MetalLb.Domain.Validation;

namespace MetalLb.Cli.Commands;

/// <summary>
/// <c>metallb-svc plan</c>: validates the input as <c>validate</c> does, then allocates every Service (existing
/// <c>status.loadBalancer.ingress</c> is the current allocation) and computes who announces each IP.
/// </summary>
public static class PlanCommand
{
    private const string DefaultServiceNamespace = "default";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console)
    {
        var options = new ArgReader(args, ["file|f", "namespace|n", "bgp-mode|", "lb-class|", "output|o"], ["ignore-exclude-lb"]);
        var output = options.Choice("output", "table", "table", "json");
        var validation = ValidateCommand.ReadValidationOptions(options);
        var input = await InputSet.ReadAsync(options.All("file"), console);
        if (await input.ReportIoErrorsAsync(console))
        {
            return ExitCodes.Usage;
        }

        var result = ConfigValidator.Validate(input.Objects, validation);
        var problems = input.Problems.Select(ProblemLine.From).Concat(result.Problems.Select(ProblemLine.From)).ToArray();
        if (result.Config is null || problems.Any(p => !p.IsWarning))
        {
            foreach (var line in problems)
            {
                await console.Out.WriteLineAsync(line.ToString());
            }

            await console.Error.WriteLineAsync($"metallb-svc: the input is invalid ({problems.Count(p => !p.IsWarning)} errors); nothing planned");
            return ExitCodes.Invalid;
        }

        var report = Plan(input.Objects, result, options.Single("lb-class"), new PlannerOptions { IgnoreExcludeLb = options.Flag("ignore-exclude-lb") });
        await console.Out.WriteAsync(output == "json" ? PlanReport.ToJson(report) : PlanReport.ToTable(report));
        return ExitCodes.Ok;
    }

    /// <summary>Allocates every Service and plans its announcement; pure apart from the allocator it creates.</summary>
    public static PlanReport Plan(ConfigSource objects, ValidationResult validation, string? lbClass, PlannerOptions plannerOptions)
    {
        var config = validation.Config!;
        var services = objects.Services.Select(WithDefaultNamespace).ToArray();
        var slices = objects.EndpointSlices
            .Select(s => s with { Metadata = s.Metadata with { Namespace = s.Metadata.Namespace ?? DefaultServiceNamespace } })
            .ToArray();
        var namespaceLabels = objects.Namespaces.ToDictionary(
            n => n.Metadata.Name, n => n.Metadata.Labels, StringComparer.Ordinal);
        var allocator = new MetalLb.Domain.Allocation.Allocator(config, namespaceLabels, lbClass);
        var byKey = services.ToDictionary(s => s.Key, StringComparer.Ordinal);

        var rows = new List<PlanReport.ServiceRow>();
        foreach (var allocation in allocator.Restore(services).OrderBy(r => r.ServiceKey, StringComparer.Ordinal))
        {
            if (allocation.Outcome is AllocationOutcome.Ignored or AllocationOutcome.Cleared)
            {
                continue;
            }

            var service = byKey[allocation.ServiceKey];
            AnnouncementPlan? plan = null;
            if (allocation.Ips.Count > 0 && allocation.Pool is { } pool)
            {
                plan = AnnouncementPlanner.Plan(service, allocation.Ips, pool, config, objects.Nodes, slices, plannerOptions);
            }

            rows.Add(new PlanReport.ServiceRow(service, allocation, plan));
        }

        var pools = config.Pools.Select(p => allocator.Usage(p.Name)).ToArray();
        return new PlanReport(rows, pools);
    }

    private static ServiceInfo WithDefaultNamespace(ServiceInfo service) =>
        service.Metadata.Namespace is null
            ? service with { Metadata = service.Metadata with { Namespace = DefaultServiceNamespace } }
            : service;
}
