using MetalLb.Hosting.Bus;

namespace MetalLb.Hosting.Tests.Bus;

public class RabbitMqCredentialsTests
{
    [Fact]
    public void Resolve_WithoutSecretDir_UsesTheSettings()
    {
        var credentials = RabbitMqCredentials.Resolve(new RabbitMqOptions { Username = "u", Password = "p" });

        Assert.Equal(new RabbitMqCredentials("u", "p"), credentials);
    }

    [Fact]
    public void Resolve_WithSecretDir_ReadsTheFiles_WithoutTheTrailingNewline()
    {
        var dir = Directory.CreateTempSubdirectory("metallb-secret-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "username"), "metallb\n");
            File.WriteAllText(Path.Combine(dir, "password"), "s3cret\r\n");

            var credentials = RabbitMqCredentials.Resolve(new RabbitMqOptions { SecretDir = dir, Username = "u", Password = "p" });

            Assert.Equal(new RabbitMqCredentials("metallb", "s3cret"), credentials);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Resolve_WithSecretDirMissingAFile_FallsBackForThatValue()
    {
        var dir = Directory.CreateTempSubdirectory("metallb-secret-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "password"), "s3cret");

            var credentials = RabbitMqCredentials.Resolve(new RabbitMqOptions { SecretDir = dir, Username = "u" });

            Assert.Equal(new RabbitMqCredentials("u", "s3cret"), credentials);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
