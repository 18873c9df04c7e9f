using System.Text;
using System.Text.Json.Nodes;

namespace MetalLb.Webhook.Admission;

/// <summary>What a webhook decided about one request: allowed or denied (with why), warnings, and a JSONPatch.</summary>
public sealed record AdmissionDecision
{
    public const int Forbidden = 403;

    public const int BadRequest = 400;

    public const int InternalError = 500;

    public bool Allowed { get; init; }

    /// <summary>The HTTP-style code of a denial: 403 for a rule, 400 for an object this endpoint cannot read.</summary>
    public int Code { get; init; } = 200;

    /// <summary>Why the request was denied; null when allowed.</summary>
    public string? Message { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The <see cref="DenialReason"/> code of a denial, for metrics; null when allowed.</summary>
    public string? Rule { get; init; }

    /// <summary>JSONPatch operations to apply to the object; null when nothing changes.</summary>
    public JsonArray? Patch { get; init; }

    public static AdmissionDecision Allow(IReadOnlyList<string>? warnings = null) =>
        new() { Allowed = true, Warnings = warnings ?? [] };

    /// <summary>A denial by a rule, counted under <paramref name="rule"/>, a <see cref="DenialReason"/> code.</summary>
    public static AdmissionDecision Deny(string message, string rule, IReadOnlyList<string>? warnings = null) =>
        new() { Allowed = false, Code = Forbidden, Message = message, Rule = rule, Warnings = warnings ?? [] };

    /// <summary>The object cannot be judged by this endpoint (wrong kind, unreadable fields).</summary>
    public static AdmissionDecision Invalid(string message) =>
        new() { Allowed = false, Code = BadRequest, Message = message, Rule = DenialReason.InvalidRequest };

    public static AdmissionDecision Mutate(JsonArray? patch) => new() { Allowed = true, Patch = patch is { Count: > 0 } ? patch : null };

    /// <summary>A short reason for traces and logs.</summary>
    public string Reason => Allowed
        ? Patch is not null ? "mutated" : Warnings.Count > 0 ? "allowed with warnings" : "allowed"
        : Message ?? "denied";

    /// <summary>The metav1.StatusReason for a code, as the API server spells it.</summary>
    public static string StatusReason(int code) => code switch
    {
        BadRequest => "BadRequest",
        InternalError => "InternalError",
        _ => "Forbidden",
    };

    public AdmissionResponse ToResponse(string uid) => new()
    {
        Uid = uid,
        Allowed = Allowed,
        Status = Allowed ? null : new AdmissionStatus(Code, Message ?? "denied") { Reason = StatusReason(Code) },
        Warnings = Warnings.Count > 0 ? Warnings : null,
        PatchType = Patch is null ? null : AdmissionResponse.JsonPatchType,
        Patch = Patch is null ? null : Encoding.UTF8.GetBytes(Patch.ToJsonString()),
    };
}
