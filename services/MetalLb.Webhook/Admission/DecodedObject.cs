using MetalLb.Domain.Config;

namespace MetalLb.Webhook.Admission;

/// <summary>An admission object decoded into the domain model, or the problems that kept it from decoding.</summary>
public sealed record DecodedObject(ConfigSource Objects, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
