namespace MetalLb.TestSupport.Bgp;

/// <summary>BFD timers for a neighbour: the intervals in milliseconds and the detect multiplier.</summary>
public sealed record BfdOptions(int ReceiveIntervalMs = 300, int TransmitIntervalMs = 300, int DetectMultiplier = 3);
