using MetalLb.Webhook.Certificates;

namespace MetalLb.Webhook.Tests.Certificates;

public sealed class FileCertificateStoreTests
{
    [Fact]
    public async Task Read_OfAnEmptyDirectory_IsNothing()
    {
        using var directory = new ScratchDirectory();

        var stored = await new FileCertificateStore(directory.Path).ReadAsync(CancellationToken.None);

        Assert.Null(stored);
    }

    [Fact]
    public async Task Write_ThenRead_ReturnsTheSameMaterialWithPrivateKeyFiles()
    {
        using var directory = new ScratchDirectory();
        var store = new FileCertificateStore(Path.Combine(directory.Path, "certs"));
        var material = new CertificateMaterial("ca", "ca-key", "cert", "key");

        Assert.True(await store.TryWriteAsync(material, null, CancellationToken.None));
        var stored = await store.ReadAsync(CancellationToken.None);

        Assert.Equal(material, stored!.Material);
        Assert.Equal("cert", await File.ReadAllTextAsync(Path.Combine(directory.Path, "certs", "tls.crt")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory.Path, "certs", "ca.key")));
        }
    }

    [Fact]
    public async Task Check_AfterRestartWithTheSameDirectory_ServesTheSameCertificate()
    {
        using var directory = new ScratchDirectory();
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var options = CertificateTestKit.Options(o => o.CertDir = directory.Path);
        var first = CertificateTestKit.Manager(options, new FileCertificateStore(directory.Path), new FakeCaBundlePublisher(), time, out var firstState);
        await first.CheckAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromDays(1));

        var restarted = CertificateTestKit.Manager(options, new FileCertificateStore(directory.Path), new FakeCaBundlePublisher(), time, out var restartedState);
        await restarted.CheckAsync(CancellationToken.None);

        Assert.Equal(firstState.Current!.Thumbprint, restartedState.Current!.Thumbprint);
    }
}
