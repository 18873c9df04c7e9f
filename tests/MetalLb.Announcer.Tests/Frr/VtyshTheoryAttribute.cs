namespace MetalLb.Announcer.Tests.Frr;

/// <summary>A theory that runs FRR's vtysh; skipped with the reason where FRR is not installed (tests/run.sh installs it as root).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class VtyshTheoryAttribute : TheoryAttribute
{
    public const string Vtysh = "/usr/bin/vtysh";

    public VtyshTheoryAttribute()
    {
        if (!File.Exists(Vtysh))
        {
            Skip = $"needs FRR's {Vtysh} (apt-get install frr; tests/run.sh does as root)";
        }
    }
}
