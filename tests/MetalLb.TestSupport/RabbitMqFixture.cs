using Xunit;

namespace MetalLb.TestSupport;

/// <summary>
/// A throwaway RabbitMQ on loopback (tests/support/rabbitmq.sh), installed on first use when root, that tests can
/// stop and start again on the same port. When it is not installed and cannot be, <see cref="SkipReason"/> says why.
/// </summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);

    private string? _directory;

    /// <summary>Why the broker is not running (tests should skip), or null when it is.</summary>
    public string? SkipReason { get; private set; }

    public string Host { get; } = "127.0.0.1";

    /// <summary>The AMQP port, kept across <see cref="StopBrokerAsync"/> and <see cref="StartBrokerAsync"/>.</summary>
    public int Port { get; private set; }

    /// <summary>RabbitMQ's default user, allowed on loopback only.</summary>
    public string Username { get; } = "guest";

    public string Password { get; } = "guest";

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess && !File.Exists(ServerScript))
        {
            SkipReason = "rabbitmq-server is not installed and the tests do not run as root to install it";
            return;
        }

        await RunScriptAsync(InstallTimeout, "install").ConfigureAwait(false);
        _directory = Directory.CreateTempSubdirectory("metallb-rabbitmq-").FullName;
        await StartBrokerAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the broker (again) in the same directory and on the same port.</summary>
    public async Task StartBrokerAsync()
    {
        var directory = _directory ?? throw new InvalidOperationException(SkipReason ?? "fixture not initialised");
        await RunScriptAsync(StartTimeout, "start", directory).ConfigureAwait(false);
        Port = int.Parse(KubeApiServerEnv.Read(Path.Combine(directory, "env"))["RABBITMQ_NODE_PORT"]);
    }

    /// <summary>Shuts the broker down; its data and ports stay for <see cref="StartBrokerAsync"/>.</summary>
    public Task StopBrokerAsync() =>
        RunScriptAsync(StopTimeout, "stop", _directory ?? throw new InvalidOperationException("fixture not initialised"));

    public async Task DisposeAsync()
    {
        if (_directory is null)
        {
            return;
        }

        await StopBrokerAsync().ConfigureAwait(false);
        Directory.Delete(_directory, recursive: true);
        _directory = null;
    }

    private static async Task RunScriptAsync(TimeSpan timeout, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            // The script stops the broker when this process is gone, so a crashed test host leaves nothing running.
            ["RABBITMQ_OWNER_PID"] = Environment.ProcessId.ToString(),
        };
        var script = RepoPaths.Combine("tests", "support", "rabbitmq.sh");
        var result = await ProcessRunner.RunAsync(script, args, timeout, environment).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"rabbitmq.sh {string.Join(' ', args)} failed: {result}");
        }
    }
}
