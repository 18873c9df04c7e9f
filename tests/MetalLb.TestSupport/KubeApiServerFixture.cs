using k8s;
using Xunit;

namespace MetalLb.TestSupport;

/// <summary>
/// A real kube-apiserver 1.20.2 with etcd on loopback (tests/support/kube-apiserver.sh), built on first use when root.
/// When it is not installed and cannot be, <see cref="SkipReason"/> says why instead of the fixture failing.
/// </summary>
public sealed class KubeApiServerFixture : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan KubectlTimeout = TimeSpan.FromMinutes(2);

    private string? _directory;
    private Kubernetes? _client;

    /// <summary>
    /// Further kube-apiserver flags, such as <c>--watch-cache=false</c>, kept across <see cref="RestartApiServerAsync"/>.
    /// An init property rather than a constructor argument: xunit builds class fixtures through their only public constructor.
    /// </summary>
    public IReadOnlyList<string> ExtraApiServerArgs { get; init; } = [];

    /// <summary>Why the server is not running (tests should skip), or null when it is.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The directory holding the server's kubeconfig, credentials, logs and etcd data.</summary>
    public string Directory => _directory ?? throw NotRunning();

    /// <summary>A kubeconfig for the admin user (token auth, the server's CA), usable by kubectl.</summary>
    public string Kubeconfig => Path.Combine(Directory, "kubeconfig");

    /// <summary>The server URL, https://127.0.0.1:PORT.</summary>
    public Uri Server { get; private set; } = new("https://127.0.0.1/");

    /// <summary>The bearer token of the admin user (group system:masters).</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>A client for the admin user.</summary>
    public Kubernetes Client => _client ?? throw NotRunning();

    public async Task InitializeAsync()
    {
        SkipReason = KubeApiServerInstallation.SkipReason();
        if (SkipReason is not null)
        {
            return;
        }

        await RunScriptAsync(InstallTimeout, "install").ConfigureAwait(false);
        var directory = System.IO.Directory.CreateTempSubdirectory("metallb-apiserver-").FullName;
        await RunScriptAsync(StartTimeout, ["start", directory], ExtraApiServerArgs).ConfigureAwait(false);
        _directory = directory;
        var env = KubeApiServerEnv.Read(Path.Combine(directory, "env"));
        Server = new Uri(env["APISERVER_URL"]);
        Token = env["APISERVER_TOKEN"];
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig));
    }

    /// <summary>Runs the machine's kubectl against this server.</summary>
    public Task<ProcessResult> RunKubectlAsync(params string[] args) =>
        ProcessRunner.RunAsync("kubectl", ["--kubeconfig", Kubeconfig, .. args], KubectlTimeout);

    /// <summary>
    /// Applies deploy/crds and waits until they are served. Client-side validation is off because kubectl checks
    /// the CRDs against the 1.20 server's OpenAPI, which predates x-kubernetes-validations (the server drops them).
    /// </summary>
    public async Task ApplyCrdsAsync()
    {
        await RunKubectlCheckedAsync("apply", "--validate=false", "-f", RepoPaths.Crds).ConfigureAwait(false);
        await RunKubectlCheckedAsync("wait", "--for=condition=Established", "--timeout=60s", "-f", RepoPaths.Crds)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Stops only kube-apiserver and starts it again with the same flags and port (etcd keeps running), returning once
    /// it is ready; every open watch is cut, and clients keep working with the same kubeconfig.
    /// </summary>
    public Task RestartApiServerAsync() => RunScriptAsync(StartTimeout, "restart-apiserver", Directory);

    /// <summary>Compacts etcd at its current revision and returns that revision; older resourceVersions are gone.</summary>
    public async Task<long> CompactEtcdAsync()
    {
        var result = await RunScriptAsync(StopTimeout, "compact", Directory).ConfigureAwait(false);
        return long.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        Dispose();
        if (_directory is null)
        {
            return;
        }

        await RunScriptAsync(StopTimeout, "stop", _directory).ConfigureAwait(false);
        System.IO.Directory.Delete(_directory, recursive: true);
        _directory = null;
    }

    public void Dispose()
    {
        _client?.Dispose();
        _client = null;
    }

    private static Task<ProcessResult> RunScriptAsync(TimeSpan timeout, params string[] args) =>
        RunScriptAsync(timeout, args, []);

    private static async Task<ProcessResult> RunScriptAsync(
        TimeSpan timeout, string[] args, IReadOnlyList<string> extraApiServerArgs)
    {
        var environment = new Dictionary<string, string>
        {
            // The script stops the servers when this process is gone, so a crashed test host leaves nothing running.
            ["KUBE_APISERVER_OWNER_PID"] = Environment.ProcessId.ToString(),
            ["KUBE_APISERVER_EXTRA_ARGS"] = string.Join(' ', extraApiServerArgs),
        };
        var result = await ProcessRunner.RunAsync(RepoPaths.KubeApiServerScript, args, timeout, environment)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"kube-apiserver.sh {string.Join(' ', args)} failed: {result}");
        }

        return result;
    }

    private async Task RunKubectlCheckedAsync(params string[] args)
    {
        var result = await RunKubectlAsync(args).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', args)} failed: {result}");
        }
    }

    private InvalidOperationException NotRunning() =>
        new(SkipReason ?? "the API server is not running (InitializeAsync not called or failed)");
}
