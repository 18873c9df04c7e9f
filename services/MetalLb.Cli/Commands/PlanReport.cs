using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Announcement;
using MetalLb.Domain.Config;

namespace MetalLb.Cli.Commands;

/// <summary>What <c>plan</c> found: one row per Service and the use of every pool; rendered as a table or JSON.</summary>
public sealed record PlanReport(IReadOnlyList<PlanReport.ServiceRow> Services, IReadOnlyList<PoolUsage> Pools)
{
    /// <summary>One Service: its allocation and, when it has IPs, its announcement plan.</summary>
    public sealed record ServiceRow(ServiceInfo Service, AllocationResult Allocation, AnnouncementPlan? Plan)
    {
        /// <summary>IP text → the L2 node that answers for it (the first candidate: every node counts as live).</summary>
        public IReadOnlyList<(string Ip, string Node)> L2 =>
            Plan?.L2 is { Candidates.Count: > 0 } l2
                ? Allocation.Ips.Select(ip => (ip.ToString(), l2.Candidates[0].Node)).ToArray()
                : [];
    }

    public static string ToJson(PlanReport report)
    {
        var services = new JsonArray();
        foreach (var row in report.Services)
        {
            var l2 = new JsonObject();
            foreach (var (ip, node) in row.L2)
            {
                l2[ip] = node;
            }

            var bgp = new JsonArray();
            foreach (var nodeRoutes in row.Plan?.Bgp ?? [])
            {
                foreach (var route in nodeRoutes.Routes)
                {
                    bgp.Add(new JsonObject
                    {
                        ["node"] = nodeRoutes.Node,
                        ["prefix"] = route.Prefix.ToString(),
                        ["peers"] = new JsonArray([.. route.Peers.Select(p => (JsonNode)p)]),
                        ["communities"] = new JsonArray([.. route.Communities.Select(c => (JsonNode)c.ToString())]),
                        ["localPref"] = route.LocalPref,
                    });
                }
            }

            services.Add(new JsonObject
            {
                ["namespace"] = row.Service.Metadata.Namespace,
                ["name"] = row.Service.Metadata.Name,
                ["ips"] = new JsonArray([.. row.Allocation.Ips.Select(ip => (JsonNode)ip.ToString())]),
                ["pool"] = row.Allocation.Pool,
                ["error"] = row.Allocation.Error,
                ["l2"] = l2,
                ["bgp"] = bgp,
                ["reasons"] = new JsonArray([.. (row.Plan?.Reasons ?? []).Select(r => (JsonNode)r)]),
            });
        }

        var pools = new JsonArray();
        foreach (var usage in report.Pools)
        {
            pools.Add(new JsonObject
            {
                ["name"] = usage.Pool,
                ["assignedIPv4"] = usage.V4.AssignedInt64,
                ["availableIPv4"] = usage.V4.AvailableInt64,
                ["assignedIPv6"] = usage.V6.AssignedInt64,
                ["availableIPv6"] = usage.V6.AvailableInt64,
            });
        }

        var json = new JsonObject { ["services"] = services, ["pools"] = pools };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    public static string ToTable(PlanReport report)
    {
        var rows = new List<string[]> { new[] { "SERVICE", "IPS", "POOL", "ANNOUNCED BY" } };
        foreach (var row in report.Services)
        {
            var announced = Announced(row);
            var ips = row.Allocation.Ips.Count > 0 ? string.Join(",", row.Allocation.Ips) : "-";
            rows.Add([row.Service.Key, ips, row.Allocation.Pool ?? "-", announced[0]]);
            rows.AddRange(announced.Skip(1).Select(line => new[] { "", "", "", line }));
        }

        var text = new StringBuilder();
        Render(text, rows);
        text.AppendLine();
        var pools = new List<string[]> { new[] { "POOL", "IPV4 ASSIGNED", "IPV4 AVAILABLE", "IPV6 ASSIGNED", "IPV6 AVAILABLE" } };
        pools.AddRange(report.Pools.Select(p => new[]
        {
            p.Pool, p.V4.AssignedInt64.ToString(), p.V4.AvailableInt64.ToString(), p.V6.AssignedInt64.ToString(), p.V6.AvailableInt64.ToString(),
        }));
        Render(text, pools);
        return text.ToString();
    }

    private static List<string> Announced(ServiceRow row)
    {
        var lines = new List<string>();
        if (row.Allocation.Error is { } error)
        {
            lines.Add($"error: {error}");
        }

        foreach (var (ip, node) in row.L2)
        {
            lines.Add($"L2 {ip} -> {node}");
        }

        foreach (var nodeRoutes in row.Plan?.Bgp ?? [])
        {
            foreach (var route in nodeRoutes.Routes)
            {
                var extras = route.LocalPref > 0 ? $" localPref {route.LocalPref}" : "";
                if (route.Communities.Count > 0)
                {
                    extras += $" communities {string.Join(",", route.Communities)}";
                }

                lines.Add($"BGP {nodeRoutes.Node}: {route.Prefix} -> {string.Join(",", route.Peers)}{extras}");
            }
        }

        if (row.Plan is { IsAnnounced: false } plan)
        {
            lines.Add($"not announced: {string.Join(", ", plan.Reasons)}");
        }

        if (lines.Count == 0)
        {
            lines.Add("-");
        }

        return lines;
    }

    private static void Render(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c])));
            text.AppendLine(line.TrimEnd());
        }
    }
}
