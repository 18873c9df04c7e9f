namespace MetalLb.Announcer.Frr;

/// <summary>How the backend reaches FRR: apply a whole configuration, read the BGP neighbours.</summary>
public interface IFrrControl
{
    /// <summary>Makes FRR run <paramref name="configuration"/>; throws <see cref="FrrUnavailableException"/> when it could not.</summary>
    Task ApplyAsync(string configuration, CancellationToken cancellationToken);

    /// <summary>The output of <c>show bgp vrf all neighbors json</c>; throws <see cref="FrrUnavailableException"/> when FRR does not answer.</summary>
    Task<string> ReadNeighborsAsync(CancellationToken cancellationToken);
}
