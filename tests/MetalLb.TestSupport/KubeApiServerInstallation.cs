namespace MetalLb.TestSupport;

/// <summary>Where tests/support/kube-apiserver.sh caches its build, and whether this process can run or install it.</summary>
public static class KubeApiServerInstallation
{
    public const string Version = "1.20.2";

    /// <summary>The cached binary: <c>${METALLB_SVC_CACHE:-/var/cache/metallb-svc}/kube-apiserver-1.20.2</c>.</summary>
    public static string BinaryPath
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("METALLB_SVC_CACHE");
            return Path.Combine(string.IsNullOrEmpty(cache) ? "/var/cache/metallb-svc" : cache, "kube-apiserver-" + Version);
        }
    }

    /// <summary>Why the API server cannot be used here, or null when it is installed or this process may install it.</summary>
    public static string? SkipReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the kube-apiserver fixture runs on Linux only";
        }

        var missing = new List<string>();
        if (!File.Exists(BinaryPath))
        {
            missing.Add(BinaryPath);
        }

        if (!IsOnPath("etcd"))
        {
            missing.Add("etcd (Debian package etcd-server)");
        }

        if (missing.Count == 0 || Environment.IsPrivilegedProcess)
        {
            return null;
        }

        return $"kube-apiserver {Version} is not installed (missing: {string.Join(", ", missing)}) and this process "
            + $"is not root; run 'sudo {RepoPaths.KubeApiServerScript} install' once";
    }

    private static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
