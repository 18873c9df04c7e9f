using MetalLb.Domain.Config;
using MetalLb.Kubernetes.Manifests;
using MetalLb.Webhook.Store;

namespace MetalLb.Webhook.Tests;

/// <summary>An object store holding whatever the test puts in it, read from YAML like a manifest directory.</summary>
internal sealed class FakeObjectStore : IObjectStore
{
    public FakeObjectStore(string yaml = "", bool synced = true)
    {
        Snapshot = Read(yaml);
        IsSynced = synced;
    }

    public ConfigSource Snapshot { get; set; }

    public bool IsSynced { get; set; }

    public static ConfigSource Read(string yaml)
    {
        var result = ManifestReader.ReadText(yaml, "fixture.yaml");
        Assert.Empty(result.Problems);
        return result.Objects;
    }
}
