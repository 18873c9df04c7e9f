using MetalLb.Contracts;
using MetalLb.Hosting.Announcing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MetalLb.Hosting.Bgp;

/// <summary>
/// This node's BGP peers: takes the allocator's <see cref="BgpPeerSet"/> for this node from messages and snapshots
/// (other nodes' sets and older generations are ignored), unseals the passwords and hands the peers to the
/// <see cref="IBgpBackend"/>; remembers why a peer could not be configured. Thread-safe: changes apply one at a time.
/// </summary>
/// <remarks>
/// A peer whose password is missing or cannot be unsealed is left out: no session is attempted without the password
/// it was configured with. The one exception is a key rotation, which the allocator and the nodes see at different
/// moments (the kubelet refreshes mounted Secrets within a minute or so): while a password is sealed under a key this
/// node does not have, a peer whose configuration is otherwise unchanged keeps the password unsealed before, so the
/// rotation does not drop its session; the problem is still reported until the keys agree.
/// </remarks>
public sealed class BgpPeerSetAgent(string node, PasswordKeyFile keys, IBgpBackend? backend = null, ILogger<BgpPeerSetAgent>? logger = null)
    : ISnapshotObserver, IPasswordKeyListener, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = logger ?? NullLogger<BgpPeerSetAgent>.Instance;
    private readonly Dictionary<string, ResolvedPeer> _unsealed = new(StringComparer.Ordinal);
    private BgpPeerSet? _set;
    private IReadOnlyList<ResolvedPeer> _applied = [];
    private IReadOnlyList<BfdProfileConfig> _appliedProfiles = [];
    private bool _pending;
    private volatile View _view = new(0, [], [], false, 0);

    /// <summary>Raised after every change of the set, its peers or its problems.</summary>
    public event Action<BgpPeerSetAgent>? Changed;

    /// <summary>Raised when a digest shows this node missed its peer set; whoever owns the bus asks for a snapshot.</summary>
    public event Action? ResyncRequested;

    public string Node => node;

    /// <summary>The generation of the set in force; 0 before the first.</summary>
    public long Generation => _view.Generation;

    /// <summary>The peers handed to the backend (or that would be, without one), by name.</summary>
    public IReadOnlyList<string> Peers => _view.Peers;

    /// <summary>The peers of the set that have no session, and why.</summary>
    public IReadOnlyList<BgpPeerProblem> Problems => _view.Problems;

    /// <summary>True while the backend has not taken the set in force (its last call failed); retried on each digest.</summary>
    public bool IsPending => _view.Pending;

    public void Dispose() => _gate.Dispose();

    /// <summary>Takes <paramref name="set"/> when it is this node's and newer than the one in force; true when taken.</summary>
    public async Task<bool> ApplyAsync(BgpPeerSet set, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (!string.Equals(set.Node, node, StringComparison.Ordinal))
        {
            return false;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_set is not null && set.Generation <= _set.Generation)
            {
                return false;
            }

            _set = set;
            await ConvergeAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Takes the snapshot's set for this node, by the same rule as a message (a newer one already taken stays).</summary>
    public Task ApplyAsync(AnnouncementSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.PeerSet is { } set ? ApplyAsync(set, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>
    /// Compares the allocator's generation for this node with the one in force and raises
    /// <see cref="ResyncRequested"/> on a difference (true). The digest lists only non-empty sets: a node it does not
    /// list should have no peers. A backend call that failed is retried here too: nothing else may arrive for a long time.
    /// </summary>
    public async Task<bool> CheckDigestAsync(BgpPeerSetDigest digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var missed = digest.Generations.TryGetValue(node, out var expected) ? expected != Generation : _view.PeerCount > 0;
        if (missed)
        {
            BgpLog.PeerSetResync(_logger, node, expected, Generation);
            ResyncRequested?.Invoke();
            return true;
        }

        if (IsPending)
        {
            await ReconvergeAsync(cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>The key changed: passwords that could not be unsealed may be readable now (and the reverse).</summary>
    public Task OnKeyChangedAsync(CancellationToken cancellationToken) => ReconvergeAsync(cancellationToken);

    private async Task ReconvergeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_set is not null)
            {
                await ConvergeAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ConvergeAsync(CancellationToken cancellationToken)
    {
        var set = _set!;
        var (peers, problems) = Resolve(set);
        var before = _view;
        if (backend is not null
            && (_pending || !peers.SequenceEqual(_applied) || !set.BfdProfiles.SequenceEqual(_appliedProfiles)))
        {
            try
            {
                await backend.SetPeersAsync(peers, set.BfdProfiles, cancellationToken).ConfigureAwait(false);
                _applied = peers;
                _appliedProfiles = set.BfdProfiles;
                _pending = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _pending = true;
                BgpLog.BackendFailed(_logger, node, set.Generation, ex);
            }
        }

        var view = new View(set.Generation, [.. peers.Select(p => p.Config.Name)], problems, _pending, set.Peers.Count);
        _view = view;
        if (view.Generation != before.Generation && _logger.IsEnabled(LogLevel.Information))
        {
            var names = string.Join(",", view.Peers);
            BgpLog.PeerSetApplied(_logger, node, view.Generation, names, problems.Count);
        }

        foreach (var problem in problems.Except(before.Problems))
        {
            BgpLog.PeerProblem(_logger, node, problem.Peer, problem.Problem);
        }

        Changed?.Invoke(this);
    }

    /// <summary>The set's peers with their passwords unsealed (the sealed form cleared), and the peers left out.</summary>
    private (IReadOnlyList<ResolvedPeer> Peers, IReadOnlyList<BgpPeerProblem> Problems) Resolve(BgpPeerSet set)
    {
        var key = keys.Current;
        var peers = new List<ResolvedPeer>();
        var problems = new List<BgpPeerProblem>();
        foreach (var peer in set.Peers)
        {
            // The backend compares configurations to keep unchanged sessions; a fresh seal of the same password must
            // not look like a change, so the sealed form does not reach it.
            var config = peer with { Password = null };
            if (peer.PasswordProblem is { } problem)
            {
                problems.Add(new BgpPeerProblem(peer.Name, problem));
                _unsealed.Remove(peer.Name);
                continue;
            }

            if (peer.Password is not { } sealedPassword)
            {
                peers.Add(new ResolvedPeer(config, null));
                _unsealed.Remove(peer.Name);
                continue;
            }

            var result = PasswordSealer.Unseal(key, node, peer.Name, sealedPassword, keys.Problem);
            if (result.Password is { } password)
            {
                var resolved = new ResolvedPeer(config, password);
                _unsealed[peer.Name] = resolved;
                peers.Add(resolved);
                continue;
            }

            problems.Add(new BgpPeerProblem(peer.Name, result.Problem!));
            if (result.Outcome is UnsealOutcome.OtherKey or UnsealOutcome.NoKey
                && _unsealed.TryGetValue(peer.Name, out var known) && known.Config == config)
            {
                peers.Add(known);
            }
            else
            {
                _unsealed.Remove(peer.Name);
            }
        }

        foreach (var gone in _unsealed.Keys.Where(name => !set.Peers.Any(p => p.Name == name)).ToArray())
        {
            _unsealed.Remove(gone);
        }

        return (peers, problems);
    }

    private sealed record View(long Generation, IReadOnlyList<string> Peers, IReadOnlyList<BgpPeerProblem> Problems, bool Pending, int PeerCount);
}
