using MetalLb.Domain.Config;

namespace MetalLb.Domain.Validation;

/// <summary>
/// Rule W0 (metallb.io objects live in the MetalLB namespace, on create and update alike) and the pod-security
/// labels the MetalLB namespace needs so announcers (hostNetwork, NET_RAW) are admitted.
/// </summary>
public static class NamespaceRules
{
    public const string Privileged = "privileged";

    /// <summary>The pod-security labels the MetalLB namespace must carry, each set to <c>privileged</c>.</summary>
    public static readonly IReadOnlyList<string> PodSecurityLabels =
    [
        "pod-security.kubernetes.io/enforce",
        "pod-security.kubernetes.io/audit",
        "pod-security.kubernetes.io/warn",
    ];

    public static void Check(ValidationContext ctx)
    {
        var ns = ctx.Options.MetalLbNamespace;
        foreach (var obj in ctx.Source.MetalLbObjects)
        {
            var objectNamespace = obj.Metadata.Namespace ?? ns;
            if (objectNamespace != ns)
            {
                ctx.Error(obj, "metadata.namespace", $"resource must be created in {ns} namespace, not \"{objectNamespace}\"");
            }
        }

        foreach (var nsObject in ctx.Source.Namespaces.Where(n => n.Metadata.Name == ns))
        {
            foreach (var problem in CheckPodSecurityLabels(nsObject.Metadata.Labels, ns))
            {
                var subject = ObjectRef.Of(NamespaceInfo.KindName, nsObject.Metadata);
                if (ctx.Options.PodSecurityLabelsRequired)
                {
                    ctx.Problems.Error(subject, "metadata.labels", problem);
                }
                else
                {
                    ctx.Problems.Warning(subject, "metadata.labels", problem);
                }
            }
        }
    }

    /// <summary>One message per missing or weaker pod-security label; empty when all three are privileged.</summary>
    public static IEnumerable<string> CheckPodSecurityLabels(IReadOnlyDictionary<string, string> labels, string ns)
    {
        foreach (var label in PodSecurityLabels)
        {
            if (!labels.TryGetValue(label, out var value))
            {
                yield return $"namespace \"{ns}\" lacks label {label}: add \"{label}: {Privileged}\" " +
                    "(announcers need hostNetwork and NET_RAW and are blocked by pod security otherwise)";
            }
            else if (value != Privileged)
            {
                yield return $"namespace \"{ns}\" has label {label}={value}: set \"{label}: {Privileged}\" " +
                    "(announcers need hostNetwork and NET_RAW and are blocked by pod security otherwise)";
            }
        }
    }
}
