namespace MetalLb.Contracts;

/// <summary>A BFDProfile as FRR mode renders it; null numbers mean FRR's defaults (METALLB-SPEC §1.5).</summary>
public sealed record BfdProfileConfig(
    string Name,
    uint? ReceiveInterval,
    uint? TransmitInterval,
    uint? DetectMultiplier,
    uint? EchoInterval,
    bool EchoMode,
    bool PassiveMode,
    uint? MinimumTtl);
