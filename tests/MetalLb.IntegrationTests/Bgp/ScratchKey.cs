using System.Security.Cryptography;
using MetalLb.Hosting.Bgp;

namespace MetalLb.IntegrationTests.Bgp;

/// <summary>A sealing key in a scratch directory, standing in for the mounted Secret both sides read.</summary>
internal sealed class ScratchKey : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("metallb-bgp-key-");

    public ScratchKey()
    {
        File.WriteAllBytes(Path, RandomNumberGenerator.GetBytes(PasswordKey.Size));
    }

    public string Path => System.IO.Path.Combine(_directory.FullName, "key");

    /// <summary>The setting that points a host at this key.</summary>
    public KeyValuePair<string, string?> Setting =>
        new($"{BgpPasswordOptions.SectionName}:{nameof(BgpPasswordOptions.PasswordKeyFile)}", Path);

    /// <summary>The key as a host reads it, to unseal what the allocator sent.</summary>
    public PasswordKeyFile Open() => new(new BgpPasswordOptions { PasswordKeyFile = Path });

    public void Dispose() => _directory.Delete(recursive: true);
}
