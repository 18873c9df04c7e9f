using System.Text;
using System.Text.Json;
using MassTransit;
using MetalLb.Allocator.Reconciliation;
using MetalLb.Contracts;
using MetalLb.Contracts.Mapping;
using MetalLb.Domain.Config;
using MetalLb.Domain.Model;
using MetalLb.Domain.Peering;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Allocator.Bus;

/// <summary>
/// Publishes each node's <see cref="BgpPeerSet"/> when it changes and keeps the <see cref="PeerSetLedger"/> in step;
/// passwords (<c>password</c>, or the <c>passwordSecret</c> Secret) are sealed for the node and peer.
/// </summary>
/// <remarks>
/// A set counts as changed by its fingerprint: the configuration, the sealing key's id and an HMAC of each password,
/// never the cipher text, whose fresh nonce would make every pass look like a change. A key rotation therefore seals
/// and sends every set with a password again; nothing else does. Called by the reconcile loop only, one call at a time.
/// </remarks>
public sealed class BusPeerSetPublisher(
    IBus bus, PeerSetLedger ledger, PasswordKeyFile keys, AllocatorOptions options, ILogger<BusPeerSetPublisher> logger)
    : IPeerSetPublisher
{
    private readonly IPublishEndpoint _publish = bus;
    private readonly HashSet<string> _unpublished = new(StringComparer.Ordinal);
    private Inputs? _last;

    public async Task<bool> PublishAsync(MetalLbConfig config, ConfigSource snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(snapshot);
        var key = keys.Current;
        // The cache swaps a kind's list only when that kind changed, so equal references mean nothing to recompute.
        var inputs = new Inputs(config, snapshot.Nodes, snapshot.Secrets, key?.KeyId, keys.Problem);
        if (inputs == _last && _unpublished.Count == 0)
        {
            return true;
        }

        _last = inputs;
        var ok = true;
        var sets = PeerSetPlanner.Plan(config, snapshot.Nodes);
        foreach (var set in sets)
        {
            var draft = Prepare(set, snapshot.Secrets, key);
            var known = ledger.FingerprintOf(set.Node);
            if (known == draft.Fingerprint && !_unpublished.Contains(set.Node))
            {
                continue;
            }

            var message = known == draft.Fingerprint ? ledger.For(set.Node)! : Seal(draft, key);
            ledger.Record(message, draft.Fingerprint);
            ok &= await TryPublishAsync(message, cancellationToken).ConfigureAwait(false);
        }

        var current = sets.Select(s => s.Node).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in ledger.Nodes.Where(n => !current.Contains(n)))
        {
            // The Node is gone; if its announcer still runs it must close its sessions. Not retried: a snapshot for
            // a node the ledger does not know answers an empty set anyway.
            ledger.Remove(gone);
            _unpublished.Remove(gone);
            await TryPublishAsync(new BgpPeerSet(gone, ledger.NextGeneration(gone), [], []), cancellationToken).ConfigureAwait(false);
        }

        ledger.MarkComplete();
        return ok;
    }

    public void Reset()
    {
        ledger.Clear();
        _unpublished.Clear();
        _last = null;
    }

    /// <summary>The set as it will be sent, passwords still in plain text, and its fingerprint.</summary>
    private Draft Prepare(NodePeerSet set, IReadOnlyList<SecretInfo> secrets, PasswordKey? key)
    {
        var peers = new List<(BgpPeerConfig Config, string? Password)>();
        var fingerprint = new StringBuilder();
        foreach (var peer in set.Peers)
        {
            var config = BgpPeerSetMessages.From(peer);
            var password = PeerPasswords.Resolve(peer, secrets, options.Namespace);
            string? plain = null;
            if (password.Problem is { } problem)
            {
                config = config with { PasswordProblem = problem };
            }
            else if (password.Value is { } value)
            {
                if (key is null)
                {
                    config = config with
                    {
                        PasswordProblem = $"BGPPeer \"{peer.Name}\" has a password, but the allocator has no key to seal it: {keys.Problem}",
                    };
                }
                else
                {
                    plain = value;
                }
            }

            peers.Add((config, plain));
            fingerprint.Append(JsonSerializer.Serialize(config)).Append('|');
            if (plain is not null)
            {
                fingerprint.Append(key!.KeyId).Append(':').Append(key.Fingerprint($"{set.Node}/{peer.Name}/{plain}"));
            }

            fingerprint.Append('\n');
        }

        var profiles = set.BfdProfiles.Select(BgpPeerSetMessages.From).ToArray();
        fingerprint.Append(JsonSerializer.Serialize(profiles));
        return new Draft(set.Node, peers, profiles, fingerprint.ToString());
    }

    private BgpPeerSet Seal(Draft draft, PasswordKey? key) =>
        new(
            draft.Node,
            ledger.NextGeneration(draft.Node),
            [.. draft.Peers.Select(p => p.Password is null
                ? p.Config
                : p.Config with { Password = PasswordSealer.Seal(key!, draft.Node, p.Config.Name, p.Password) })],
            draft.Profiles);

    private async Task<bool> TryPublishAsync(BgpPeerSet set, CancellationToken cancellationToken)
    {
        try
        {
            await BoundedPublish.PublishAsync(_publish, set, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _unpublished.Add(set.Node);
            PeerSetLog.PublishFailed(logger, set.Node, ex);
            return false;
        }

        _unpublished.Remove(set.Node);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var names = string.Join(",", set.Peers.Select(p => p.Name));
            var problems = set.Peers.Count(p => p.PasswordProblem is not null);
            PeerSetLog.Published(logger, set.Node, set.Generation, names, problems);
        }

        foreach (var peer in set.Peers.Where(p => p.PasswordProblem is not null))
        {
            PeerSetLog.PeerProblem(logger, set.Node, peer.Name, peer.PasswordProblem!);
        }

        return true;
    }

    private sealed record Inputs(
        MetalLbConfig Config, IReadOnlyList<NodeInfo> Nodes, IReadOnlyList<SecretInfo> Secrets, string? KeyId, string? KeyProblem);

    private sealed record Draft(
        string Node, IReadOnlyList<(BgpPeerConfig Config, string? Password)> Peers, IReadOnlyList<BfdProfileConfig> Profiles, string Fingerprint)
    {
        public override string ToString() => $"peer set draft for {Node}";
    }
}
