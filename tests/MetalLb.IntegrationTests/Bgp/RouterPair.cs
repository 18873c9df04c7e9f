using MetalLb.TestSupport.Bgp;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>Two router fixtures on one link: the sender in the node namespace dials the receiver in the router namespace.</summary>
public sealed record RouterPair(BgpLink Link, IBgpRouter Sender, IBgpRouter Receiver) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Sender.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
