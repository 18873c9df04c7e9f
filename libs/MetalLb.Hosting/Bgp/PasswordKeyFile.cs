namespace MetalLb.Hosting.Bgp;

/// <summary>
/// The sealing key as read from <see cref="BgpPasswordOptions.PasswordKeyFile"/>, read again by <see cref="Refresh"/>
/// (Kubernetes swaps a mounted Secret's files in place, so the path stays and the content changes). Thread-safe.
/// </summary>
public sealed class PasswordKeyFile
{
    private readonly string? _path;
    private volatile State _state;

    public PasswordKeyFile(BgpPasswordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _path = string.IsNullOrWhiteSpace(options.PasswordKeyFile) ? null : options.PasswordKeyFile;
        _state = Read();
    }

    /// <summary>The key now in force, or null (see <see cref="Problem"/>).</summary>
    public PasswordKey? Current => _state.Key;

    /// <summary>Why there is no key: none configured, or the file is missing, unreadable or malformed; null with a key.</summary>
    public string? Problem => _state.Problem;

    /// <summary>True when a key file is configured (whether or not it can be read now).</summary>
    public bool IsConfigured => _path is not null;

    /// <summary>Reads the file again; true when the key (or the reason there is none) changed.</summary>
    public bool Refresh()
    {
        var next = Read();
        var current = _state;
        if (string.Equals(next.Key?.KeyId, current.Key?.KeyId, StringComparison.Ordinal)
            && string.Equals(next.Problem, current.Problem, StringComparison.Ordinal))
        {
            return false;
        }

        _state = next;
        return true;
    }

    private State Read()
    {
        if (_path is null)
        {
            return new State(null, $"{BgpPasswordOptions.SectionName}:{nameof(BgpPasswordOptions.PasswordKeyFile)} is not set");
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new State(null, $"the key file {_path} cannot be read: {ex.Message}");
        }

        try
        {
            var key = PasswordKey.Parse(content, out var problem);
            return new State(key, key is null ? $"the key file {_path} {problem}" : null);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(content);
        }
    }

    private sealed record State(PasswordKey? Key, string? Problem);
}
