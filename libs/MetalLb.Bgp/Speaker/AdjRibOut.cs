using MetalLb.Domain.Net;

namespace MetalLb.Bgp.Speaker;

/// <summary>
/// One peer's Adj-RIB-Out (RFC 4271 §3.2): the routes wanted for it, what the current session has been sent, and the
/// prefixes whose two states differ. Changes made while a batch is being written pile up as differences, so a burst
/// collapses to the latest state of each prefix. Not thread-safe: the peer's loop owns it.
/// </summary>
internal sealed class AdjRibOut
{
    private readonly Dictionary<IpPrefix, BgpRoute> _wanted = [];
    private readonly Dictionary<IpPrefix, RouteAttributes> _sent = [];
    private readonly HashSet<IpPrefix>[] _dirty = [[], []];
    private bool _up;

    public AdjRibOut(IEnumerable<BgpRoute> routes)
    {
        foreach (var route in routes)
        {
            _wanted[route.Prefix] = route;
        }
    }

    /// <summary>Prefixes the peer has from this session.</summary>
    public int Announced => _sent.Count;

    /// <summary>Prefixes not in the peer's hands yet: every wanted one while down, else the differences.</summary>
    public int Pending => _up ? _dirty[0].Count + _dirty[1].Count : _wanted.Count;

    public void Set(BgpRoute route)
    {
        _wanted[route.Prefix] = route;
        MarkDirty(route.Prefix);
    }

    public void Remove(IpPrefix prefix)
    {
        if (!_wanted.Remove(prefix))
        {
            return;
        }

        // A prefix the peer never got needs no withdrawal, only forgetting.
        if (_sent.ContainsKey(prefix))
        {
            MarkDirty(prefix);
        }
        else
        {
            Dirty(prefix.Family).Remove(prefix);
        }
    }

    /// <summary>A new session knows nothing: everything wanted is to be sent.</summary>
    public void SessionUp()
    {
        _up = true;
        _sent.Clear();
        foreach (var prefix in _wanted.Keys)
        {
            Dirty(prefix.Family).Add(prefix);
        }
    }

    public void SessionDown()
    {
        _up = false;
        _sent.Clear();
        _dirty[0].Clear();
        _dirty[1].Clear();
    }

    /// <summary>The peer asked for a family again (ROUTE-REFRESH, RFC 2918): send every wanted route of it anew.</summary>
    public void Refresh(IpFamily family)
    {
        if (!_up)
        {
            return;
        }

        foreach (var (prefix, _) in _wanted.Where(r => r.Key.Family == family))
        {
            _sent.Remove(prefix);
            Dirty(family).Add(prefix);
        }
    }

    /// <summary>
    /// Takes the differences of one family: the routes to announce (new or changed) and the prefixes to withdraw, and
    /// records them as sent. A family that cannot be sent yet (not negotiated, no next hop) is left pending.
    /// </summary>
    public (List<BgpRoute> Announce, List<IpPrefix> Withdraw) Take(IpFamily family)
    {
        var announce = new List<BgpRoute>();
        var withdraw = new List<IpPrefix>();
        var dirty = Dirty(family);
        foreach (var prefix in dirty)
        {
            if (_wanted.TryGetValue(prefix, out var route))
            {
                if (!_sent.TryGetValue(prefix, out var sent) || !sent.Equals(route.Attributes))
                {
                    announce.Add(route);
                    _sent[prefix] = route.Attributes;
                }
            }
            else if (_sent.Remove(prefix))
            {
                withdraw.Add(prefix);
            }
        }

        dirty.Clear();
        return (announce, withdraw);
    }

    private void MarkDirty(IpPrefix prefix)
    {
        if (_up)
        {
            Dirty(prefix.Family).Add(prefix);
        }
    }

    private HashSet<IpPrefix> Dirty(IpFamily family) => _dirty[family == IpFamily.V4 ? 0 : 1];
}
