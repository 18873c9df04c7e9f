namespace MetalLb.Hosting.Bgp;

/// <summary>An unsealed password, or why there is none; <see cref="ToString"/> never shows the password.</summary>
public sealed record UnsealResult(UnsealOutcome Outcome, string? Password, string? Problem)
{
    public override string ToString() => Outcome == UnsealOutcome.Unsealed ? "unsealed" : $"{Outcome}: {Problem}";
}
