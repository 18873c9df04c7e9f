namespace MetalLb.Hosting.Announcing;

/// <summary>What one convergence put on the wire, for its span: IPs claimed by family, route changes and their peers.</summary>
internal sealed class SentAnnouncements
{
    private readonly HashSet<string> _peers = new(StringComparer.Ordinal);

    public int Arp { get; private set; }

    public int Ndp { get; private set; }

    public int Updates { get; private set; }

    public IReadOnlyCollection<string> Peers => _peers;

    public void Claim(L2Claim claim)
    {
        if (claim.IsIpv6)
        {
            Ndp++;
        }
        else
        {
            Arp++;
        }
    }

    public void Update(string peer)
    {
        Updates++;
        _peers.Add(peer);
    }
}
