using Xunit;

namespace MetalLb.TestSupport;

/// <summary>A theory that needs root (network namespaces, real daemons); reported as skipped, with the reason, when not privileged.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: it creates network namespaces and starts real daemons; run tests/run.sh as root";
        }
    }
}
