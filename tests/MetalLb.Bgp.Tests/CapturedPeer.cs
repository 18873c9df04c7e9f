namespace MetalLb.Bgp.Tests;

/// <summary>What capture-bgp.sh configured one daemon of one capture with: side (1 or 2), ASN, and iBGP or eBGP.</summary>
public sealed record CapturedPeer(string Capture, string Sender, int Side, uint Asn, bool Internal)
{
    public static readonly CapturedPeer[] All =
    [
        new("gobgp-bird", "gobgp", 1, 4200000001, false),
        new("gobgp-bird", "bird", 2, 64500, false),
        new("bird-frr", "bird", 1, 64501, true),
        new("bird-frr", "frr", 2, 64501, true),
        new("frr-gobgp", "frr", 1, 4200000002, true),
        new("frr-gobgp", "gobgp", 2, 4200000002, true),
        new("frr-bird", "frr", 1, 64502, false),
        new("frr-bird", "bird", 2, 4200000003, false),
    ];

    public static TheoryData<string, string> Rows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var peer in All)
        {
            rows.Add(peer.Capture, peer.Sender);
        }

        return rows;
    }

    public static CapturedPeer Of(string capture, string sender) => All.Single(p => p.Capture == capture && p.Sender == sender);

    public IEnumerable<CapturedMessage> Messages => Captured.From(Capture, Sender);

    public override string ToString() => $"{Sender} in {Capture}";
}
