using System.Text.Json;

namespace MetalLb.Announcer.Frr;

/// <summary>Reads <c>show bgp vrf all neighbors json</c>: an object per VRF, in it an object per neighbour (keyed by address or interface).</summary>
public static class FrrNeighborParser
{
    private const string DefaultVrf = "default";

    /// <summary>Every neighbour FRR reports; throws <see cref="JsonException"/> on text that is not FRR's JSON.</summary>
    public static IReadOnlyList<FrrNeighborStatus> Parse(string json)
    {
        var neighbors = new List<FrrNeighborStatus>();
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"expected an object of VRFs, got {document.RootElement.ValueKind}");
        }

        foreach (var vrf in document.RootElement.EnumerateObject().Where(v => v.Value.ValueKind == JsonValueKind.Object))
        {
            var vrfName = vrf.Name == DefaultVrf ? "" : vrf.Name;
            foreach (var neighbor in vrf.Value.EnumerateObject())
            {
                if (neighbor.Value.ValueKind == JsonValueKind.Object && neighbor.Value.TryGetProperty("bgpState", out var state))
                {
                    neighbors.Add(Neighbor(vrfName, neighbor.Name, state.GetString() ?? "", neighbor.Value));
                }
            }
        }

        return neighbors;
    }

    private static FrrNeighborStatus Neighbor(string vrf, string key, string state, JsonElement n)
    {
        var sent = 0;
        if (n.TryGetProperty("addressFamilyInfo", out var families) && families.ValueKind == JsonValueKind.Object)
        {
            foreach (var family in families.EnumerateObject())
            {
                sent += Int(family.Value, "sentPrefixCounter");
            }
        }

        var updates = n.TryGetProperty("messageStats", out var stats) ? Long(stats, "updatesSent") : 0;
        return new FrrNeighborStatus(vrf, key, state, LastError(n), sent, updates, Long(n, "connectionsEstablished"));
    }

    /// <summary>FRR's reset reason, with the NOTIFICATION's when there was one: "BGP Notification send (Cease/BFD Down)".</summary>
    private static string? LastError(JsonElement n)
    {
        var reason = String(n, "lastResetDueTo");
        var notification = String(n, "lastNotificationReason");
        return (reason, notification) switch
        {
            (null, null) => null,
            (null, { } only) => only,
            ({ } only, null) => only,
            _ => $"{reason} ({notification})",
        };
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;

    private static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}
