using System.Text.Json.Nodes;
using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Deploy;

/// <summary>A real kube-apiserver with deploy/crds applied and the metallb-system Namespace; no webhook runs.</summary>
public sealed class DeployApiServerFixture : IAsyncLifetime, IDisposable
{
    public const string MetalLbNamespace = "metallb-system";

    private readonly KubeApiServerFixture _api = new();

    public string? SkipReason => _api.SkipReason;

    public async Task InitializeAsync()
    {
        await _api.InitializeAsync();
        if (SkipReason is not null)
        {
            return;
        }

        await _api.ApplyCrdsAsync();
        await KubectlCheckedAsync("apply", "--validate=false", "-f", RepoPaths.Combine("deploy", "base", "namespace.yaml"));
    }

    public Task<ProcessResult> KubectlAsync(params string[] args) => _api.RunKubectlAsync(args);

    public async Task<string> KubectlCheckedAsync(params string[] args)
    {
        var result = await _api.RunKubectlAsync(args);
        Assert.True(result.Succeeded, $"kubectl {string.Join(' ', args)}: {result}");
        return result.StandardOutput;
    }

    /// <summary>
    /// Writes <paramref name="documents"/> to a file in the server's directory (concatenated JSON objects, which kubectl
    /// reads as a stream) and returns its path.
    /// </summary>
    public async Task<string> WriteAsync(IEnumerable<JsonObject> documents)
    {
        var file = Path.Combine(_api.Directory, $"objects-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, string.Concat(documents.Select(d => d.ToJsonString() + "\n")));
        return file;
    }

    public async Task<string> WriteAsync(string yaml)
    {
        var file = Path.Combine(_api.Directory, $"objects-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        return file;
    }

    public void Dispose() => _api.Dispose();

    public Task DisposeAsync() => _api.DisposeAsync();
}
