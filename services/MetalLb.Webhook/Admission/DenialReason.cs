using System.Text.RegularExpressions;

namespace MetalLb.Webhook.Admission;

/// <summary>
/// The bounded codes a denial is counted under in <c>metallb_svc_webhook_denials_total{reason}</c>; never the message,
/// which names objects and addresses.
/// </summary>
/// <remarks>
/// A metallb.io object refused by a configuration rule counts under the field the rule is about, indices removed
/// (<c>spec.addresses[2]</c> → <c>spec.addresses</c>): the fields are the rule catalogue's own (METALLB-SPEC §4.3), so
/// the set is fixed by the code. A Service counts under the allocator's failure code
/// (<see cref="Domain.Allocation.AllocationFailure"/>).
/// </remarks>
public static partial class DenialReason
{
    /// <summary>The request was not something this endpoint can judge (wrong kind or version).</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>The object's fields could not be read (wrong types, malformed metadata).</summary>
    public const string UndecodableObject = "undecodable_object";

    /// <summary>A BFDProfile still referenced by a BGPPeer was to be deleted.</summary>
    public const string InUse = "in_use";

    /// <summary>A change would weaken the pod-security labels of the MetalLB namespace.</summary>
    public const string PodSecurityLabels = "pod_security_labels";

    /// <summary>Reviewing threw; the request was denied rather than let through unchecked.</summary>
    public const string InternalError = "internal_error";

    /// <summary>A denial no webhook gave a code (should not happen; counted rather than dropped).</summary>
    public const string Unspecified = "unspecified";

    /// <summary>The code of a configuration rule on <paramref name="field"/>: the field path without indices.</summary>
    public static string OfField(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var path = Indices().Replace(field, "");
        return path.Length == 0 ? Unspecified : path;
    }

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Indices();
}
