namespace MetalLb.Hosting.Bus;

/// <summary>The user name and password to log in with: from a mounted Secret directory when set, else from the options.</summary>
public sealed record RabbitMqCredentials(string Username, string Password)
{
    public const string UsernameFile = "username";
    public const string PasswordFile = "password";

    /// <summary>Reads the credentials; a Secret file that is missing falls back to the configured value.</summary>
    public static RabbitMqCredentials Resolve(RabbitMqOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SecretDir))
        {
            return new RabbitMqCredentials(options.Username, options.Password);
        }

        return new RabbitMqCredentials(
            ReadOrDefault(options.SecretDir, UsernameFile, options.Username),
            ReadOrDefault(options.SecretDir, PasswordFile, options.Password));
    }

    // Secret files written by hand often end in a newline that is not part of the value.
    private static string ReadOrDefault(string directory, string file, string fallback)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? File.ReadAllText(path).TrimEnd('\r', '\n') : fallback;
    }
}
