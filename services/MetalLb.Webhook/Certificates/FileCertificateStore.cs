namespace MetalLb.Webhook.Certificates;

/// <summary>
/// Self-mode store for a machine without a cluster: <c>ca.crt</c>, <c>ca.key</c>, <c>tls.crt</c> and <c>tls.key</c> in
/// <c>CertDir</c>, so a restart reuses them. One process owns the directory, so writes are unconditional.
/// </summary>
internal sealed class FileCertificateStore(string directory) : ICertificateStore
{
    public string Location => $"directory {directory}";

    public async Task<StoredCertificate?> ReadAsync(CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in CertificateMaterial.Empty.ToEntries().Keys)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                entries[name] = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
        }

        return entries.Count == 0 ? null : new StoredCertificate(CertificateMaterial.FromEntries(entries.GetValueOrDefault), null);
    }

    public async Task<bool> TryWriteAsync(CertificateMaterial material, string? expectedVersion, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, text) in material.ToEntries())
        {
            await WriteAtomicallyAsync(Path.Combine(directory, name), text, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Writes beside the target and renames over it, so a reader never sees half a file; keys stay private.</summary>
    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(temporary, fileOptions);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(text), cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
