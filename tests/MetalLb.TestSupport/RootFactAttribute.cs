using Xunit;

namespace MetalLb.TestSupport;

/// <summary>
/// A fact that needs root (to install and run a real kube-apiserver, RabbitMQ, network namespaces); reported as
/// skipped, with the reason, when the test process is not privileged. CI runs as root, so it runs there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: it installs and starts real servers (kube-apiserver, etcd); run tests/run.sh as root";
        }
    }
}
