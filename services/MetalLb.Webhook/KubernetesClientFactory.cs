using k8s;

namespace MetalLb.Webhook;

/// <summary>
/// Builds the API-server client from KUBECONFIG, <c>~/.kube/config</c> or the in-cluster service account. Without
/// any of them KubernetesClient would silently dial http://localhost:8080; this fails with what to configure instead.
/// </summary>
internal static class KubernetesClientFactory
{
    public static IKubernetes Create(string whatNeedsIt)
    {
        var kubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG");
        var candidates = string.IsNullOrEmpty(kubeconfig)
            ? [KubernetesClientConfiguration.KubeConfigDefaultLocation]
            : kubeconfig.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (!KubernetesClientConfiguration.IsInCluster() && !candidates.Any(File.Exists))
        {
            throw new InvalidOperationException(
                $"{whatNeedsIt}, but there is no in-cluster service account and no kubeconfig (KUBECONFIG or ~/.kube/config)");
        }

        return new k8s.Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig());
    }
}
