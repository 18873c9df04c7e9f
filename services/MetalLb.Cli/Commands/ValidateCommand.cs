using System.Text.Json;
using System.Text.Json.Nodes;
using MetalLb.Domain.Model;
using MetalLb.Domain.Net;
using MetalLb.Domain.Validation;

namespace MetalLb.Cli.Commands;

/// <summary><c>metallb-svc validate</c>: checks manifests as one set and prints one line per problem.</summary>
public static class ValidateCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console)
    {
        var options = new ArgReader(args, ["file|f", "namespace|n", "bgp-mode|", "output|o"]);
        var output = options.Choice("output", "text", "text", "json");
        var validation = ReadValidationOptions(options);
        var input = await InputSet.ReadAsync(options.All("file"), console);
        if (await input.ReportIoErrorsAsync(console))
        {
            return ExitCodes.Usage;
        }

        var result = ConfigValidator.Validate(input.Objects, validation);
        var lines = input.Problems.Select(ProblemLine.From).Concat(result.Problems.Select(ProblemLine.From)).ToArray();
        var valid = lines.All(l => l.IsWarning);
        if (output == "json")
        {
            await console.Out.WriteLineAsync(ToJson(valid, lines));
        }
        else
        {
            foreach (var line in lines)
            {
                await console.Out.WriteLineAsync(line.ToString());
            }

            await WriteSummaryAsync(console, input, validation, result, lines);
        }

        return valid ? ExitCodes.Ok : ExitCodes.Invalid;
    }

    /// <summary>Reads <c>--namespace</c> and <c>--bgp-mode</c>, shared with the other offline commands.</summary>
    public static ValidationOptions ReadValidationOptions(ArgReader options)
    {
        var backend = options.Choice("bgp-mode", "native", "native", "frr") == "frr" ? BgpBackend.Frr : BgpBackend.Native;
        var ns = options.Single("namespace") ?? ValidationOptions.DefaultNamespace;
        if (ns.Length == 0)
        {
            throw new UsageException("--namespace must not be empty");
        }

        return new ValidationOptions { MetalLbNamespace = ns, BgpBackend = backend };
    }

    private static string ToJson(bool valid, IReadOnlyList<ProblemLine> lines)
    {
        static JsonObject Item(ProblemLine l) => new()
        {
            ["file"] = l.File,
            ["kind"] = l.Kind,
            ["name"] = l.Name,
            ["field"] = l.Field,
            ["message"] = l.Message,
        };

        var json = new JsonObject
        {
            ["valid"] = valid,
            ["problems"] = new JsonArray([.. lines.Where(l => !l.IsWarning).Select(Item)]),
            ["warnings"] = new JsonArray([.. lines.Where(l => l.IsWarning).Select(Item)]),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static async Task WriteSummaryAsync(
        CliConsole console, InputSet input, ValidationOptions options, ValidationResult result, IReadOnlyList<ProblemLine> lines)
    {
        var errors = lines.Count(l => !l.IsWarning);
        var warnings = lines.Count - errors;
        var mode = options.BgpBackend == BgpBackend.Frr ? "frr" : "native";
        var verdict = errors == 0 ? "valid" : "invalid";
        await console.Out.WriteLineAsync(
            $"{verdict}: {input.Objects.Count} objects ({input.Skipped} of other kinds ignored), {errors} errors, {warnings} warnings " +
            $"[namespace {options.MetalLbNamespace}, bgp-mode {mode}]");
        if (result.Config is { } config && errors == 0)
        {
            foreach (var pool in config.Pools)
            {
                await console.Out.WriteLineAsync(DescribePool(pool, config));
            }
        }
    }

    private static string DescribePool(Pool pool, MetalLbConfig config)
    {
        var l2 = config.L2Ads.Where(a => a.Pools.Contains(pool.Name)).Select(a => a.Name).ToArray();
        var bgp = config.BgpAds.Where(a => a.Pools.Contains(pool.Name)).Select(a => a.Name).ToArray();
        var how = new List<string>();
        if (l2.Length > 0)
        {
            how.Add($"L2 via {string.Join(",", l2)}");
        }

        if (bgp.Length > 0)
        {
            how.Add($"BGP via {string.Join(",", bgp)}");
        }

        var flags = $"autoAssign={pool.AutoAssign.ToString().ToLowerInvariant()} avoidBuggyIPs={pool.AvoidBuggyIPs.ToString().ToLowerInvariant()}";
        return $"  pool {pool.Name}: {string.Join(", ", pool.Entries)} -> {Capacity(pool)}; {flags}; " +
            (how.Count > 0 ? string.Join("; ", how) : "not advertised");
    }

    private static string Capacity(Pool pool)
    {
        var parts = new List<string>();
        foreach (var family in new[] { IpFamily.V4, IpFamily.V6 })
        {
            if (pool.HasFamily(family))
            {
                parts.Add($"{pool.Capacity(family)} IPv{(int)family}");
            }
        }

        return string.Join(" + ", parts);
    }
}
