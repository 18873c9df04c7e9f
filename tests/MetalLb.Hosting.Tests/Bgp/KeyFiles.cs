using System.Security.Cryptography;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Hosting.Tests.Bgp;

/// <summary>A scratch directory holding key files, as a mounted Secret would.</summary>
internal sealed class KeyFiles : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("metallb-bgp-key-");

    public string Path => System.IO.Path.Combine(_directory.FullName, "key");

    /// <summary>
    /// Writes a fresh random key and returns it as the code under test will read it. The file is replaced whole, as
    /// Kubernetes swaps a mounted Secret: a watcher polling meanwhile never reads it half-written.
    /// </summary>
    public PasswordKey WriteNewKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(PasswordKey.Size);
        var next = Path + ".next";
        File.WriteAllBytes(next, bytes);
        File.Move(next, Path, overwrite: true);
        return PasswordKey.FromBytes(bytes);
    }

    public PasswordKeyFile Open() => new(new BgpPasswordOptions { PasswordKeyFile = Path });

    public void Dispose() => _directory.Delete(recursive: true);
}
