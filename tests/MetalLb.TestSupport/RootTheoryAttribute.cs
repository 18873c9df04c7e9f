using Xunit;

namespace MetalLb.TestSupport;

/// <summary>A theory that needs root, skipped with the reason otherwise; see <see cref="RootFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: it starts real servers and daemons (kube-apiserver, helm, BGP routers in network namespaces); run tests/run.sh as root";
        }
    }
}
