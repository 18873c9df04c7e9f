using k8s;

namespace MetalLb.Allocator.Adapters;

/// <summary>
/// Builds the API-server client from KUBECONFIG, <c>~/.kube/config</c> or the in-cluster service account, and fails
/// with what to configure instead of silently dialling http://localhost:8080.
/// </summary>
internal static class KubernetesClientFactory
{
    public static IKubernetes Create()
    {
        var kubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG");
        var candidates = string.IsNullOrEmpty(kubeconfig)
            ? [KubernetesClientConfiguration.KubeConfigDefaultLocation]
            : kubeconfig.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (!KubernetesClientConfiguration.IsInCluster() && !candidates.Any(File.Exists))
        {
            throw new InvalidOperationException(
                "the allocator needs the API server, but there is no in-cluster service account and no kubeconfig (KUBECONFIG or ~/.kube/config)");
        }

        return new k8s.Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig());
    }
}
