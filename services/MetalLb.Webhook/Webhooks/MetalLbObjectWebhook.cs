using System.Text.Json.Nodes;
using MetalLb.Domain.Config;
using MetalLb.Domain.Validation;
using MetalLb.Webhook.Admission;
using MetalLb.Webhook.Store;

namespace MetalLb.Webhook.Webhooks;

/// <summary>
/// Validating admission for every metallb.io kind: the incoming object is put into (or, on DELETE, taken out of) the
/// current set, both sets are validated with the one rule set, and every error the new set has that the current set
/// does not denies the request.
/// </summary>
/// <remarks>
/// Comparing with the current set is what lets a pre-existing, unrelated problem never block a write, while an error
/// the write causes on another object (an overlap reported on the other pool, R16–R18, B7) still denies it.
/// </remarks>
public sealed class MetalLbObjectWebhook(IObjectStore store, ValidationCache cache)
{
    public const string Group = "metallb.io";

    /// <summary>The paths MetalLB's ValidatingWebhookConfiguration uses, and the kind each admits.</summary>
    public static IReadOnlyDictionary<string, string> Paths { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/validate-metallb-io-v1beta1-ipaddresspool"] = IpAddressPool.KindName,
        ["/validate-metallb-io-v1beta1-bgpadvertisement"] = BgpAdvertisement.KindName,
        ["/validate-metallb-io-v1beta1-l2advertisement"] = L2Advertisement.KindName,
        ["/validate-metallb-io-v1beta1-community"] = Community.KindName,
        ["/validate-metallb-io-v1beta1-bfdprofile"] = BfdProfile.KindName,
        ["/validate-metallb-io-v1beta2-bgppeer"] = BgpPeer.KindName,
    };

    public AdmissionDecision Review(AdmissionRequest request, string kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = request.Subject!;
        var header = ObjectHeader.Of(subject);
        if (header.Group != Group || header.Kind != kind)
        {
            return AdmissionDecision.Invalid($"this endpoint admits {Group} {kind} objects, got \"{header}\"");
        }

        var incoming = Decode(subject, request.Namespace, out var problem);
        if (incoming is null)
        {
            return AdmissionDecision.Deny(problem!, DenialReason.UndecodableObject);
        }

        var ns = cache.Options.MetalLbNamespace;
        var snapshot = store.Snapshot;
        var errors = new List<ValidationProblem>();
        Func<ConfigSource> next;
        if (request.Operation == AdmissionOperation.Delete)
        {
            if (incoming is BfdProfile && BfdProfileRules.CheckDelete(incoming.Metadata.Name, snapshot.Peers) is { } inUse)
            {
                return AdmissionDecision.Deny($"{ObjectRef.Of(incoming)}: {inUse}", DenialReason.InUse);
            }

            next = () => ConfigSetEditor.Remove(snapshot, incoming, ns);
        }
        else
        {
            if (request.Operation == AdmissionOperation.Update && incoming is BgpPeer updated
                && request.OldObject is JsonObject oldJson && Decode(oldJson, request.Namespace, out _) is BgpPeer old)
            {
                errors.AddRange(BgpPeerRules.CheckUpdate(old, updated));
            }

            next = () => ConfigSetEditor.Put(snapshot, incoming, ns);
        }

        var current = cache.Current(snapshot);
        var result = FastPoolWrite(request, incoming, snapshot, current) ?? cache.Validate(next());
        var added = result.Errors.Where(p => !current.ErrorKeys.Contains(ProblemKey.Of(p))).ToArray();
        errors.AddRange(added.Where(p => !IsForwardReference(p)));
        var warnings = new List<string>();
        if (request.Operation != AdmissionOperation.Delete)
        {
            warnings.AddRange(result.Warnings
                .Where(p => p.Object.Kind == incoming.Kind && p.Object.Name == incoming.Metadata.Name)
                .Select(p => p.Message));
        }

        warnings.AddRange(added.Where(IsForwardReference).Select(p => $"{p} (allowed: it may be created later)"));
        IReadOnlyList<string> distinct = [.. warnings.Distinct(StringComparer.Ordinal)];
        return errors.Count == 0
            ? AdmissionDecision.Allow(distinct)
            : AdmissionDecision.Deny(
                string.Join("; ", errors.Select(p => p.ToString()).Distinct(StringComparer.Ordinal)), DenialReason.OfField(errors[0].Field), distinct);
    }

    /// <summary>A pool create or update judged without re-validating every pool, where that gives the same verdict.</summary>
    private ValidationResult? FastPoolWrite(AdmissionRequest request, IMetalLbObject incoming, ConfigSource snapshot, ValidatedSet current) =>
        request.Operation != AdmissionOperation.Delete && incoming is IpAddressPool pool && current.PoolIndex is { } index
            ? PoolWriteValidator.Validate(snapshot, current.Result, index, pool, cache.Options)
            : null;

    /// <summary>
    /// A reference to a BFDProfile or community alias that does not exist (yet). MetalLB's webhook blanks these
    /// references so objects can be applied in any order (METALLB-SPEC §4.1); here they are warnings for the same
    /// reason, and the allocator reports them until the referenced object appears.
    /// </summary>
    private static bool IsForwardReference(ValidationProblem problem) =>
        (problem.Object.Kind == BgpPeer.KindName && problem.Field == "spec.bfdProfile"
            && problem.Message.Contains("referencing non existing bfd profile", StringComparison.Ordinal))
        || (problem.Object.Kind == BgpAdvertisement.KindName
            && problem.Message.Contains("is not defined in any Community", StringComparison.Ordinal));

    private static IMetalLbObject? Decode(JsonObject json, string? requestNamespace, out string? problem)
    {
        var decoded = AdmissionObjectReader.Read(json, requestNamespace);
        if (!decoded.IsValid)
        {
            problem = string.Join("; ", decoded.Problems);
            return null;
        }

        var obj = decoded.Objects.MetalLbObjects.FirstOrDefault();
        problem = obj is null ? $"the object \"{ObjectHeader.Of(json)}\" could not be read" : null;
        return obj;
    }
}
