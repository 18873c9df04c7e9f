namespace MetalLb.TestSupport.Network;

/// <summary>
/// A real RabbitMQ inside a <see cref="TestNetwork"/>'s <c>lan</c> namespace, listening on
/// <see cref="TestNetwork.BrokerAddress"/> (tests/support/rabbitmq.sh with RABBITMQ_BIND), so announcers in host
/// namespaces and the test process reach it over the bridge. Stoppable and startable on the same port.
/// </summary>
public sealed class NamespacedRabbitMq : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    private readonly string _lan;
    private readonly string _directory = Directory.CreateTempSubdirectory("metallb-rabbitmq-ns-").FullName;
    private bool _running;

    private NamespacedRabbitMq(string lan) => _lan = lan;

    public int Port { get; private set; }

    public string Username { get; } = "guest";

    public string Password { get; } = "guest";

    public static async Task<NamespacedRabbitMq> StartAsync(TestNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var broker = new NamespacedRabbitMq(network.Lan);
        await broker.RunAsync("install").ConfigureAwait(false);
        await broker.StartAsync().ConfigureAwait(false);
        return broker;
    }

    /// <summary>Starts the broker (again) on the same port.</summary>
    public async Task StartAsync()
    {
        await RunAsync("start", _directory).ConfigureAwait(false);
        Port = int.Parse(KubeApiServerEnv.Read(Path.Combine(_directory, "env"))["RABBITMQ_NODE_PORT"]);
        _running = true;
    }

    public async Task StopAsync()
    {
        await RunAsync("stop", _directory).ConfigureAwait(false);
        _running = false;
    }

    /// <summary>The settings a service needs to reach it, as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment() => new Dictionary<string, string>
    {
        ["Bus__RabbitMq__Host"] = TestNetwork.BrokerAddress,
        ["Bus__RabbitMq__Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bus__RabbitMq__Username"] = Username,
        ["Bus__RabbitMq__Password"] = Password,
    };

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            await StopAsync().ConfigureAwait(false);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task RunAsync(params string[] args)
    {
        var script = RepoPaths.Combine("tests", "support", "rabbitmq.sh");
        var environment = new Dictionary<string, string>
        {
            ["RABBITMQ_BIND"] = TestNetwork.BrokerAddress,
            ["RABBITMQ_OWNER_PID"] = System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var command = args[0] == "install" ? new[] { script, "install" } : ["ip", "netns", "exec", _lan, script, .. args];
        var result = await ProcessRunner.RunAsync(command[0], command[1..], ScriptTimeout, environment).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"rabbitmq.sh {string.Join(' ', args)} in {_lan} failed: {result}");
        }
    }
}
