namespace MetalLb.Domain.Model;

/// <summary>A validated BFDProfile; null fields mean the backend default.</summary>
public sealed record BfdSettings(
    string Name,
    uint? ReceiveInterval,
    uint? TransmitInterval,
    uint? DetectMultiplier,
    uint? EchoInterval,
    bool EchoMode,
    bool PassiveMode,
    uint? MinimumTtl);
