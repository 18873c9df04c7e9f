using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MetalLb.Domain.Allocation;
using MetalLb.Domain.Net;
using MetalLb.Hosting.Announcing;

namespace MetalLb.Cli.Lab;

/// <summary>What a settled lab shows: each Service's IPs and who announces them, as the simulated nodes actually do.</summary>
public sealed record LabReport(IReadOnlyList<LabReport.ServiceRow> Services, IReadOnlyList<PoolUsage> Pools, IReadOnlyList<LabReport.NodeRow> Nodes)
{
    /// <summary>One Service: its IPs, the nodes answering ARP/NDP for each, and the routes nodes advertise for them.</summary>
    public sealed record ServiceRow(
        string Key, IReadOnlyList<string> Ips, string? Pool, string? Error,
        IReadOnlyList<(string Ip, IReadOnlyList<string> Nodes)> L2,
        IReadOnlyList<(string Node, RouteAdvertisement Route)> Bgp,
        IReadOnlyList<string> Reasons);

    /// <summary>One simulated node: what it answers for, advertises, and has sent.</summary>
    public sealed record NodeRow(string Name, IReadOnlyList<L2Claim> Claims, IReadOnlyList<RouteAdvertisement> Routes, IReadOnlyList<string> Sent);

    public static LabReport From(LabSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var nodes = session.Nodes.Select(n => new NodeRow(n.Name, n.Agent.Claims, n.Agent.Routes, n.DataPlane.Sent)).ToArray();
        var plans = session.Ledger.Plans.ToDictionary(p => p.ServiceKey, StringComparer.Ordinal);
        var failures = session.Recorder.Events
            .Where(e => e.Event.Type == AllocationEventType.Warning)
            .GroupBy(e => e.Service, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Event.Message, StringComparer.Ordinal);
        var rows = new List<ServiceRow>();
        foreach (var service in session.Store.Snapshot.Services.Where(s => s.Type == "LoadBalancer").OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var ips = service.IngressIPs;
            var l2 = ips.Select(ip => (ip, (IReadOnlyList<string>)[.. nodes.Where(n => n.Claims.Any(c => c.Ip == ip)).Select(n => n.Name)])).ToArray();
            var addresses = ips.Select(IpAddress.Parse).ToArray();
            var bgp = nodes
                .SelectMany(n => n.Routes.Select(r => (n.Name, Route: r)))
                .Where(r => IpPrefix.TryParse(r.Route.Prefix, out var prefix) && addresses.Any(prefix.Contains))
                .ToArray();
            service.Metadata.Annotations.TryGetValue(ServiceAnnotations.IPAllocatedFromPool, out var pool);
            var reasons = plans.TryGetValue(service.Key, out var plan) ? plan.Reasons : [];
            if (plan is { Reasons.Count: 0, L2Candidates.Count: > 0 } && l2.All(l => l.Item2.Count == 0) && bgp.Length == 0)
            {
                reasons = [$"no simulated node among its L2 candidates ({string.Join(",", plan.L2Candidates.Select(c => c.Node))}) is up"];
            }

            rows.Add(new ServiceRow(
                service.Key, ips, pool, ips.Count == 0 ? failures.GetValueOrDefault(service.Key) : null, l2, bgp, reasons));
        }

        return new LabReport(rows, session.Recorder.Pools, nodes);
    }

    public string ToTable()
    {
        var rows = new List<string[]> { new[] { "SERVICE", "IPS", "POOL", "ANNOUNCED BY" } };
        foreach (var row in Services)
        {
            var lines = new List<string>();
            if (row.Error is { } error)
            {
                lines.Add($"error: {error}");
            }

            lines.AddRange(row.L2.Where(l => l.Nodes.Count > 0).Select(l => $"L2 {l.Ip} -> {string.Join(",", l.Nodes)}"));
            lines.AddRange(row.Bgp.Select(b => $"BGP {b.Node}: {b.Route.Prefix} -> {b.Route.Peer}{Attributes(b.Route)}"));
            if (row.Ips.Count > 0 && row.L2.All(l => l.Nodes.Count == 0) && row.Bgp.Count == 0)
            {
                lines.Add(row.Reasons.Count > 0 ? $"not announced: {string.Join(", ", row.Reasons)}" : "not announced");
            }

            if (lines.Count == 0)
            {
                lines.Add("-");
            }

            rows.Add([row.Key, row.Ips.Count > 0 ? string.Join(",", row.Ips) : "-", row.Pool ?? "-", lines[0]]);
            rows.AddRange(lines.Skip(1).Select(line => new[] { "", "", "", line }));
        }

        var text = new StringBuilder();
        Render(text, rows);
        text.AppendLine();
        var pools = new List<string[]> { new[] { "POOL", "IPV4 ASSIGNED", "IPV4 AVAILABLE", "IPV6 ASSIGNED", "IPV6 AVAILABLE" } };
        pools.AddRange(Pools.Select(p => new[]
        {
            p.Pool, p.V4.AssignedInt64.ToString(), p.V4.AvailableInt64.ToString(), p.V6.AssignedInt64.ToString(), p.V6.AvailableInt64.ToString(),
        }));
        Render(text, pools);
        text.AppendLine();
        var nodes = new List<string[]> { new[] { "NODE", "ANSWERS ARP/NDP FOR", "BGP ROUTES", "SENT" } };
        nodes.AddRange(Nodes.Select(n => new[]
        {
            n.Name, n.Claims.Count > 0 ? string.Join(",", n.Claims.Select(c => c.Ip)) : "-", n.Routes.Count.ToString(), $"{n.Sent.Count} messages",
        }));
        Render(text, nodes);
        return text.ToString();
    }

    public string ToJson()
    {
        var services = new JsonArray();
        foreach (var row in Services)
        {
            var l2 = new JsonObject();
            foreach (var (ip, nodes) in row.L2)
            {
                l2[ip] = new JsonArray([.. nodes.Select(n => (JsonNode)n)]);
            }

            services.Add(new JsonObject
            {
                ["service"] = row.Key,
                ["ips"] = new JsonArray([.. row.Ips.Select(ip => (JsonNode)ip)]),
                ["pool"] = row.Pool,
                ["error"] = row.Error,
                ["l2"] = l2,
                ["bgp"] = new JsonArray([.. row.Bgp.Select(b => (JsonNode)Route(b.Route, b.Node))]),
                ["reasons"] = new JsonArray([.. row.Reasons.Select(r => (JsonNode)r)]),
            });
        }

        var pools = new JsonArray([.. Pools.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Pool,
            ["assignedIPv4"] = p.V4.AssignedInt64,
            ["availableIPv4"] = p.V4.AvailableInt64,
            ["assignedIPv6"] = p.V6.AssignedInt64,
            ["availableIPv6"] = p.V6.AvailableInt64,
        })]);
        var nodesJson = new JsonArray([.. Nodes.Select(n => (JsonNode)new JsonObject
        {
            ["name"] = n.Name,
            ["l2"] = new JsonArray([.. n.Claims.Select(c => (JsonNode)c.Ip)]),
            ["bgp"] = new JsonArray([.. n.Routes.Select(r => (JsonNode)Route(r, null))]),
            ["sent"] = new JsonArray([.. n.Sent.Select(s => (JsonNode)s)]),
        })]);
        var json = new JsonObject { ["services"] = services, ["pools"] = pools, ["nodes"] = nodesJson };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonObject Route(RouteAdvertisement route, string? node)
    {
        var json = new JsonObject();
        if (node is not null)
        {
            json["node"] = node;
        }

        json["prefix"] = route.Prefix;
        json["peer"] = route.Peer;
        json["localPref"] = route.LocalPref;
        json["communities"] = new JsonArray([.. route.Communities.Select(c => (JsonNode)c)]);
        return json;
    }

    private static string Attributes(RouteAdvertisement route)
    {
        var extras = route.LocalPref > 0 ? $" localPref {route.LocalPref}" : "";
        return route.Communities.Count > 0 ? $"{extras} communities {string.Join(",", route.Communities)}" : extras;
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
