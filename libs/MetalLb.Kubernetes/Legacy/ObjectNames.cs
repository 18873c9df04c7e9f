using System.Text.RegularExpressions;

namespace MetalLb.Kubernetes.Legacy;

/// <summary>Kubernetes' rule for object names: a lowercase RFC 1123 subdomain of at most 253 characters.</summary>
internal static partial class ObjectNames
{
    private const int MaxLength = 253;

    public static bool IsValid(string name) => name.Length <= MaxLength && Subdomain().IsMatch(name);

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();
}
