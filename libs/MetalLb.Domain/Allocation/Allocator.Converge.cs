using MetalLb.Domain.Config;
using MetalLb.Domain.Net;

namespace MetalLb.Domain.Allocation;

public sealed partial class Allocator
{
    /// <summary>
    /// MetalLB's <c>convergeBalancer</c> for one Service (METALLB-SPEC §3.2), taking <c>status.IngressIPs</c> as the
    /// IPs it currently holds.
    /// </summary>
    public AllocationResult Converge(ServiceInfo service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (!Serves(service.LoadBalancerClass))
        {
            return new AllocationResult(service.Key, AllocationOutcome.Ignored, [], null, []);
        }

        var request = ServiceRequest.From(service);
        var events = new List<AllocationEvent>();
        var (outcome, error) = ConvergeCore(request, events);

        var held = _assignments.GetValueOrDefault(request.Key);
        IReadOnlyList<IpAddress> ips = held is null ? [] : [.. held.Ips];
        var pool = held?.Pool.Name;
        if (outcome == AllocationOutcome.Failed && ips.Count == 0)
        {
            _pending.Add(request.Key);
        }
        else
        {
            _pending.Remove(request.Key);
        }

        var changed = request.CurrentError is not null
            || !ips.SequenceEqual(request.CurrentIps)
            || request.RecordedPool != pool
            || request.HasDeprecatedPoolRecord;
        if (changed && request.DeprecatedAnnotations.Count > 0)
        {
            events.Add(AllocationEvent.Warning(
                AllocationEventReason.DeprecatedAnnotation,
                $"Service uses deprecated annotation {string.Join(", ", request.DeprecatedAnnotations)}; use the metallb.io/ equivalent"));
        }

        return new AllocationResult(request.Key, outcome, ips, pool, events)
        {
            Error = error,
            FailureReason = outcome == AllocationOutcome.Failed ? FailureReasonOf(request) : null,
            StatusChanged = changed,
        };
    }

    /// <summary>The <see cref="AllocationFailure"/> code of a failed convergence, from what the Service asked for.</summary>
    private string FailureReasonOf(ServiceRequest request)
    {
        if (request.Family is null || (request.Policy == FamilyPolicy.RequireDualStack && request.ClusterIPs.Count < 2))
        {
            return AllocationFailure.InvalidClusterIps;
        }

        if (request.DesiredError is not null)
        {
            return AllocationFailure.InvalidRequest;
        }

        if (request.DesiredIps.Count > 0)
        {
            return AllocationFailure.RequestedIpUnavailable;
        }

        if (request.DesiredPool is { } name)
        {
            if (!_pools.ByName.TryGetValue(name, out var pool))
            {
                return AllocationFailure.PoolNotFound;
            }

            if (IncompatibilityReason(pool.Pool, request.Namespace, request.Labels) is not null)
            {
                return AllocationFailure.PoolIncompatible;
            }
        }

        return AllocationFailure.NoAvailableIps;
    }

    private (AllocationOutcome Outcome, string? Error) ConvergeCore(ServiceRequest request, List<AllocationEvent> events)
    {
        var key = request.Key;
        if (!request.IsLoadBalancer || request.ClusterIPs.Count == 0)
        {
            Unassign(key);
            return (AllocationOutcome.Cleared, null);
        }

        if (_pools.IsEmpty)
        {
            // QUIRK 9, kept: with no pool configured every Service loses its IP, because that is what the
            // configuration says. SetConfig lists every dropped allocation so the caller can report it.
            if (request.CurrentIps.Count > 0)
            {
                events.Add(AllocationEvent.Normal(
                    AllocationEventReason.ClearAssignment,
                    $"current IP for \"{key}\" not allowed by config: no IPAddressPool is configured, clearing {AllocationMessages.List(request.CurrentIps)}"));
            }

            Unassign(key);
            return (AllocationOutcome.Cleared, null);
        }

        if (request.Policy == FamilyPolicy.RequireDualStack && request.ClusterIPs.Count < 2)
        {
            var message = $"Service requires dual stack but not enough clusterips [{string.Join(" ", request.ClusterIPs)}]";
            events.Add(AllocationEvent.Warning(AllocationEventReason.NotEnoughClusterIps, message));
            Unassign(key);
            return (AllocationOutcome.Failed, message);
        }

        if (request.Family is not { } family)
        {
            var message = $"Failed to retrieve ClusterIPs IPFamily for [{string.Join(" ", request.ClusterIPs)}]: {request.FamilyError}";
            events.Add(AllocationEvent.Warning(AllocationEventReason.NoClusterIpsFamily, message));
            Unassign(key);
            return (AllocationOutcome.Failed, message);
        }

        var current = CurrentIps(request, family, events);
        if (current.Count == 0)
        {
            Unassign(key);
        }
        else
        {
            var error = TryAssign(request, current);
            if (error is not null)
            {
                events.Add(AllocationEvent.Normal(
                    AllocationEventReason.ClearAssignment,
                    $"current IP for \"{key}\" not allowed by config, will attempt for new IP assignment: {error}"));
                Unassign(key);
                current = [];
            }
            else if (request.DesiredPool is { } desiredPool && PoolOf(key) != desiredPool)
            {
                Unassign(key);
                current = [];
            }
        }

        if (current.Count > 0)
        {
            if (request.DesiredError is not null)
            {
                var message = $"invalid requested loadbalancer IPs: {request.DesiredError}";
                events.Add(AllocationEvent.Warning(AllocationEventReason.LoadBalancerFailed, message));
                return (AllocationOutcome.Failed, message);
            }

            if (request.DesiredIps.Count > 0 && !SameIps(current, request.DesiredIps))
            {
                return ChangeRequestedIps(request, current, events);
            }

            if (current.Count == 1 && family == ServiceFamily.DualStack && request.Policy == FamilyPolicy.PreferDualStack)
            {
                return AddMissingFamily(request, current[0], events);
            }

            return (AllocationOutcome.Unchanged, null);
        }

        var failure = Allocate(request);
        if (failure is not null)
        {
            events.Add(AllocationEvent.Warning(AllocationEventReason.AllocationFailed, $"Failed to allocate IP for \"{key}\": {failure}"));
            return (AllocationOutcome.Failed, failure);
        }

        events.Add(AllocationEvent.Normal(AllocationEventReason.IpAllocated, $"Assigned IP {AllocationMessages.List(IpsOf(key))}"));
        return (AllocationOutcome.Allocated, null);
    }

    /// <summary>The ingress IPs if they are readable and of the Service's family (PreferDualStack may hold one of two).</summary>
    private static IReadOnlyList<IpAddress> CurrentIps(ServiceRequest request, ServiceFamily family, List<AllocationEvent> events)
    {
        if (request.CurrentError is not null)
        {
            events.Add(AllocationEvent.Warning(
                AllocationEventReason.NoLbIpsFamily, $"Failed to retrieve LBIPs IPFamily for \"{request.Key}\": {request.CurrentError}"));
            return [];
        }

        var current = request.CurrentIps;
        if (current.Count == 0)
        {
            return current;
        }

        var held = ServiceRequest.FamilyOf(current, out var error);
        if (held is null)
        {
            events.Add(AllocationEvent.Warning(
                AllocationEventReason.NoLbIpsFamily, $"Failed to retrieve LBIPs IPFamily for {AllocationMessages.Quoted(current)}: {error}"));
            return [];
        }

        var familyChanged = held != family
            && !(family == ServiceFamily.DualStack && request.Policy == FamilyPolicy.PreferDualStack);
        return familyChanged ? [] : current;
    }

    /// <summary>
    /// The user asked for other IPs than the ones held. MetalLB clears the working IP first and leaves the Service
    /// without any if the new request cannot be met (QUIRK 10). Here the request is tried with the Service's IPs
    /// released, and on failure the previous allocation is put back and <c>LoadBalancerFailed</c> names both.
    /// </summary>
    private (AllocationOutcome, string?) ChangeRequestedIps(
        ServiceRequest request, IReadOnlyList<IpAddress> current, List<AllocationEvent> events)
    {
        var previous = Unassign(request.Key)!;
        var error = AllocateRequested(request);
        if (error is null)
        {
            events.Add(AllocationEvent.Normal(
                AllocationEventReason.IpAllocated, $"Assigned IP {AllocationMessages.List(IpsOf(request.Key))}"));
            return (AllocationOutcome.Allocated, null);
        }

        Record(previous);
        var message = $"can't change the IP of \"{request.Key}\" from {AllocationMessages.List(current)} to "
            + $"{AllocationMessages.List(request.DesiredIps)}, keeping {AllocationMessages.List(current)}: {error}";
        events.Add(AllocationEvent.Warning(AllocationEventReason.LoadBalancerFailed, message));
        return (AllocationOutcome.Failed, message);
    }

    /// <summary>
    /// PreferDualStack with one IP: add the missing family from the same pool (METALLB-SPEC §2.5, §3.2 step 4).
    /// </summary>
    /// <remarks>
    /// MetalLB emits <c>AdditionalAssignFailed</c> on every convergence of such a Service, even when its pool has no
    /// address of the missing family at all; here the event is emitted only when the pool has that family but no
    /// acceptable address, so a single-stack pool does not produce an event per reprocess.
    /// </remarks>
    private (AllocationOutcome, string?) AddMissingFamily(ServiceRequest request, IpAddress existing, List<AllocationEvent> events)
    {
        var pool = _assignments[request.Key].Pool;
        var missing = existing.IsV4 ? IpFamily.V6 : IpFamily.V4;
        if (!pool.HasFamily(missing))
        {
            return (AllocationOutcome.Unchanged, null);
        }

        var error = AllocationMessages.NoAvailableInPool(pool.Name) + $" for {AllocationMessages.Name(missing)}";
        if (FirstAcceptable(pool, missing, request) is { } added)
        {
            IpAddress[] ips = existing.IsV4 ? [existing, added] : [added, existing];
            error = TryAssign(request, ips);
            if (error is null)
            {
                events.Add(AllocationEvent.Normal(AllocationEventReason.IpAllocated, $"Assigned additional IP {added}"));
                return (AllocationOutcome.Allocated, null);
            }
        }

        events.Add(AllocationEvent.Normal(
            AllocationEventReason.AdditionalAssignFailed, $"cannot assign additional IP in PreferDualStack: {error}"));
        return (AllocationOutcome.Unchanged, null);
    }

    private static bool SameIps(IReadOnlyList<IpAddress> a, IReadOnlyList<IpAddress> b) =>
        a.Count == b.Count && a.Order().SequenceEqual(b.Order());
}
