namespace MetalLb.Domain.Config;

/// <summary>Spec of a BFDProfile (METALLB-SPEC §1.5); unset fields mean the backend default.</summary>
public sealed record BfdProfileSpec
{
    public uint? ReceiveInterval { get; init; }

    public uint? TransmitInterval { get; init; }

    public uint? DetectMultiplier { get; init; }

    public uint? EchoInterval { get; init; }

    public bool? EchoMode { get; init; }

    public bool? PassiveMode { get; init; }

    public uint? MinimumTtl { get; init; }
}
