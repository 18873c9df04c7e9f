using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Packaging;

/// <summary>An image built from a service's Dockerfile and what deploy/ and the chart expect of it.</summary>
/// <param name="Project">The folder under services/.</param>
/// <param name="Repository">The image name deploy/ and the chart use.</param>
/// <param name="Component">The app.kubernetes.io/component of its workload in deploy/base; null when nothing deploys it.</param>
/// <param name="Port">The port it listens on (deploy/'s containerPort); null when it serves nothing.</param>
/// <param name="User">The numeric user its runtime stage runs as.</param>
/// <param name="MetricsPort">A second, plain port for /metrics (deploy/'s second containerPort), when it has one.</param>
internal sealed record ServiceImage(string Project, string Repository, string? Component, int? Port, int User, int? MetricsPort = null)
{
    public const int Nobody = 65534;

    public static readonly IReadOnlyList<ServiceImage> All =
    [
        new("MetalLb.Webhook", "ghcr.io/metallb-svc/webhook", "webhook", 9443, Nobody, MetricsPort: 7474),
        new("MetalLb.Allocator", "ghcr.io/metallb-svc/allocator", "allocator", 7472, Nobody),
        // Root with only NET_RAW and NET_ADMIN: see the announcer's Dockerfile for why it cannot be non-root.
        new("MetalLb.Announcer", "ghcr.io/metallb-svc/announcer", "announcer", 7473, 0),
        new("MetalLb.Cli", "ghcr.io/metallb-svc/metallb-svc", null, null, Nobody),
    ];

    /// <summary>Every port it listens on: <see cref="Port"/>, then <see cref="MetricsPort"/>.</summary>
    public IReadOnlyList<int> Ports => [.. new[] { Port, MetricsPort }.OfType<int>()];

    public string DockerfilePath => RepoPaths.Combine("services", Project, "Dockerfile");

    public static ServiceImage Of(string project) => All.Single(s => s.Project == project);

    public Dockerfile Load() => Dockerfile.Load(DockerfilePath);
}
