using System.Security.Cryptography;
using System.Text;
using MetalLb.Hosting.Bgp;

namespace MetalLb.Hosting.Tests.Bgp;

public sealed class PasswordKeyFileTests
{
    [Fact]
    public void NotConfigured_HasNoKey_AndSaysWhich()
    {
        var file = new PasswordKeyFile(new BgpPasswordOptions());

        Assert.Null(file.Current);
        Assert.False(file.IsConfigured);
        Assert.Equal("Bgp:PasswordKeyFile is not set", file.Problem);
        Assert.False(file.Refresh());
    }

    [Fact]
    public void RawKey_IsRead()
    {
        using var files = new KeyFiles();
        var key = files.WriteNewKey();

        var file = files.Open();

        Assert.Equal(key.KeyId, file.Current?.KeyId);
        Assert.True(file.IsConfigured);
        Assert.Null(file.Problem);
    }

    [Fact]
    public void Base64Key_WithATrailingNewline_IsRead()
    {
        using var files = new KeyFiles();
        var bytes = RandomNumberGenerator.GetBytes(PasswordKey.Size);
        File.WriteAllText(files.Path, Convert.ToBase64String(bytes) + "\n");

        var file = files.Open();

        Assert.Equal(PasswordKey.FromBytes(bytes).KeyId, file.Current?.KeyId);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(0)]
    public void WrongLength_IsAProblem(int length)
    {
        using var files = new KeyFiles();
        File.WriteAllBytes(files.Path, Encoding.ASCII.GetBytes(new string('k', length)));

        var file = files.Open();

        Assert.Null(file.Current);
        Assert.Equal($"the key file {files.Path} holds {length} bytes that are neither 32 raw bytes nor the base64 of 32 bytes", file.Problem);
    }

    [Fact]
    public void Rotation_InPlace_IsSeenOnRefresh()
    {
        using var files = new KeyFiles();
        files.WriteNewKey();
        var file = files.Open();
        Assert.False(file.Refresh());

        var rotated = files.WriteNewKey();

        Assert.True(file.Refresh());
        Assert.Equal(rotated.KeyId, file.Current?.KeyId);
        Assert.False(file.Refresh());
    }

    [Fact]
    public void FileRemoved_LosesTheKey_AndSaysWhy_UntilOneIsBack()
    {
        using var files = new KeyFiles();
        files.WriteNewKey();
        var file = files.Open();

        File.Delete(files.Path);

        Assert.True(file.Refresh());
        Assert.Null(file.Current);
        Assert.StartsWith($"the key file {files.Path} cannot be read: ", file.Problem, StringComparison.Ordinal);

        var back = files.WriteNewKey();

        Assert.True(file.Refresh());
        Assert.Equal(back.KeyId, file.Current?.KeyId);
        Assert.Null(file.Problem);
    }

    [Fact]
    public async Task Watcher_TellsListenersWhenTheKeyChanges()
    {
        using var files = new KeyFiles();
        files.WriteNewKey();
        var options = new BgpPasswordOptions { PasswordKeyFile = files.Path, KeyCheckInterval = TimeSpan.FromMilliseconds(50) };
        var file = new PasswordKeyFile(options);
        var listener = new SignallingListener();
        using var watcher = new PasswordKeyWatcher(
            file, options, [listener], TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<PasswordKeyWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);

        var rotated = files.WriteNewKey();

        await listener.Called.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(rotated.KeyId, file.Current?.KeyId);
        await watcher.StopAsync(CancellationToken.None);
    }

    private sealed class SignallingListener : IPasswordKeyListener
    {
        private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Called => _called.Task;

        public Task OnKeyChangedAsync(CancellationToken cancellationToken)
        {
            _called.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
