using MetalLb.Webhook.Certificates;

namespace MetalLb.Webhook.Tests.Certificates;

/// <summary>Records every bundle published; can be told to fail like an unreachable API server.</summary>
internal sealed class FakeCaBundlePublisher : ICaBundlePublisher
{
    public List<string> Published { get; } = [];

    public bool Fail { get; set; }

    public Task PublishAsync(string caBundlePem, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new HttpRequestException("API server unreachable");
        }

        Published.Add(caBundlePem);
        return Task.CompletedTask;
    }
}
