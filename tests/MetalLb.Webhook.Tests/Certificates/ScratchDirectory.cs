namespace MetalLb.Webhook.Tests.Certificates;

/// <summary>A directory under the system temp folder, removed on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("metallb-webhook-certs-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Replaces a file the way Kubernetes and cert-manager do: write beside it, then rename over it.</summary>
    public void Replace(string name, string text)
    {
        var temporary = File(name + ".new");
        System.IO.File.WriteAllText(temporary, text);
        System.IO.File.Move(temporary, File(name), overwrite: true);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
