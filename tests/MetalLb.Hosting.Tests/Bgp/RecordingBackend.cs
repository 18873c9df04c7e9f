using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Hosting.Tests.Bgp;

/// <summary>A BGP backend that records every peer list it is given and can be told to refuse the next ones.</summary>
internal sealed class RecordingBackend : IBgpBackend
{
    private readonly Lock _lock = new();
    private readonly List<(IReadOnlyList<ResolvedPeer> Peers, IReadOnlyList<BfdProfileConfig> Profiles)> _calls = [];

    public event Action<BgpPeerState>? SessionChanged
    {
        add { }
        remove { }
    }

    public int FailCalls { get; set; }

    public IReadOnlyList<(IReadOnlyList<ResolvedPeer> Peers, IReadOnlyList<BfdProfileConfig> Profiles)> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<ResolvedPeer> Peers => Calls.Count == 0 ? [] : Calls[^1].Peers;

    public IReadOnlyList<BgpPeerState> Sessions => [];

    public Task SetPeersAsync(IReadOnlyList<ResolvedPeer> peers, IReadOnlyList<BfdProfileConfig> bfdProfiles, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (FailCalls > 0)
            {
                FailCalls--;
                throw new InvalidOperationException("injected backend failure");
            }

            _calls.Add((peers, bfdProfiles));
        }

        return Task.CompletedTask;
    }

    public Task AdvertiseAsync(RouteAdvertisement route, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task WithdrawAsync(RouteAdvertisement route, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
