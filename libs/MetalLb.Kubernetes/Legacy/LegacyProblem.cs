namespace MetalLb.Kubernetes.Legacy;

/// <summary>
/// Something in a legacy MetalLB config or in Palette pack values that cannot be converted, and where it is:
/// <c>config:12:5: protocol "bgpx" is not layer2 or bgp</c>.
/// </summary>
/// <param name="Origin">What the line numbers count in: a file, or <c>config</c> for a ConfigMap's key.</param>
/// <param name="Line">1-based line, or 0 when the problem is not at one place.</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
/// <param name="Message">What is wrong, naming the field and its value.</param>
public sealed record LegacyProblem(string Origin, int Line, int Column, string Message)
{
    public override string ToString() => Line switch
    {
        <= 0 => $"{Origin}: {Message}",
        _ when Column <= 0 => $"{Origin}:{Line}: {Message}",
        _ => $"{Origin}:{Line}:{Column}: {Message}",
    };
}
