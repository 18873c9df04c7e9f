namespace MetalLb.Contracts;

/// <summary>An announcer says it is alive; <paramref name="Goodbye"/> marks an orderly shutdown.</summary>
/// <param name="Node">The announcer's node.</param>
/// <param name="Sequence">Grows by one per heartbeat of this process.</param>
/// <param name="SentAt">When it was sent (for lag figures only: liveness is judged on arrival).</param>
/// <param name="Goodbye">True on an orderly shutdown: the node is gone at once.</param>
/// <param name="Interfaces">The interfaces that can announce by L2 now (up, with carrier); null from a sender that does not say.</param>
/// <param name="Warm">
/// False while the sender is still learning who is alive (it elects nobody yet): its peers keep announcing what it
/// would take, so a node that joins or returns causes no gap.
/// </param>
public sealed record AnnouncerHeartbeat(
    string Node, long Sequence, DateTimeOffset SentAt, bool Goodbye = false, IReadOnlyList<string>? Interfaces = null, bool Warm = true);
