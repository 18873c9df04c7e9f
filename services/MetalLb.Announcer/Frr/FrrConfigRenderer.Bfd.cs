using System.Text;
using MetalLb.Contracts;

namespace MetalLb.Announcer.Frr;

public static partial class FrrConfigRenderer
{
    /// <summary>
    /// bfdd's profiles, one per BFDProfile; unset numbers are left to FRR's defaults (300/300 ms × 3, echo 50 ms,
    /// minimum TTL 254). A BFDProfile's echoInterval sets both echo intervals (METALLB-SPEC §1.5).
    /// </summary>
    private static void WriteBfd(StringBuilder text, IReadOnlyList<BfdProfileConfig> profiles, List<string> problems)
    {
        var usable = new List<BfdProfileConfig>();
        foreach (var profile in profiles.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (!FrrTokens.IsWord(profile.Name))
            {
                problems.Add($"BFD profile \"{profile.Name}\" is not one word");
            }
            else if (usable.Count == 0 || usable[^1].Name != profile.Name)
            {
                usable.Add(profile);
            }
        }

        if (usable.Count == 0)
        {
            return;
        }

        Line(text, "bfd");
        foreach (var p in usable)
        {
            Line(text, $" profile {p.Name}");
            Optional(text, "detect-multiplier", p.DetectMultiplier);
            Optional(text, "receive-interval", p.ReceiveInterval);
            Optional(text, "transmit-interval", p.TransmitInterval);
            if (p.EchoMode)
            {
                Line(text, "  echo-mode");
            }

            Optional(text, "echo receive-interval", p.EchoInterval);
            Optional(text, "echo transmit-interval", p.EchoInterval);
            if (p.PassiveMode)
            {
                Line(text, "  passive-mode");
            }

            Optional(text, "minimum-ttl", p.MinimumTtl);
            Line(text, " exit");
            Line(text, " !");
        }

        Line(text, "exit");
        Line(text, "!");
    }

    private static void Optional(StringBuilder text, string command, uint? value)
    {
        if (value is { } v)
        {
            Line(text, $"  {command} {v}");
        }
    }
}
