namespace MetalLb.TestSupport.Bgp;

/// <summary>A real BGP daemon (gobgpd, BIRD, FRR) running in a network namespace for tests to peer with and inspect.</summary>
public interface IBgpRouter : IAsyncDisposable
{
    BgpRouterOptions Options { get; }

    /// <summary>The directory holding the daemon's configuration, sockets and logs.</summary>
    string WorkDirectory { get; }

    /// <summary>Waits for the session with <paramref name="neighbor"/> to be Established; on timeout throws with the daemon's logs.</summary>
    Task WaitEstablishedAsync(string neighbor, TimeSpan timeout);

    Task<BgpSessionState> NeighborStateAsync(string neighbor);

    /// <summary>The paths this router learned from its neighbours (not those it originates) in one family.</summary>
    Task<IReadOnlyList<BgpRoute>> GetRoutesAsync(BgpFamily family);

    /// <summary>Polls <see cref="GetRoutesAsync"/> until <paramref name="predicate"/> holds; on timeout throws with the last RIB and the logs.</summary>
    Task<IReadOnlyList<BgpRoute>> WaitForRoutesAsync(
        BgpFamily family, Func<IReadOnlyList<BgpRoute>, bool> predicate, TimeSpan timeout);

    /// <summary>The BFD sessions the router holds (BIRD, FRR; gobgpd has no BFD).</summary>
    Task<IReadOnlyList<BfdSession>> BfdSessionsAsync();

    /// <summary>Stops the daemons (SIGTERM: they close their sessions) and starts them again with the same configuration.</summary>
    Task RestartAsync();

    /// <summary>SIGSTOPs the daemons: the sessions stay open but the router falls silent, as a hung router does.</summary>
    Task FreezeAsync();

    Task ThawAsync();

    /// <summary>The tails of the daemons' logs, for failure messages.</summary>
    string Logs();
}
