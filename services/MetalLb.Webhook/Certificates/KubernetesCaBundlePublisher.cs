using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Certificates;

/// <summary>
/// Sets the caBundle of the webhook's Validating- and MutatingWebhookConfiguration (every webhook in them) and of the
/// BGPPeer CRD's conversion webhook. Objects that do not exist are skipped with a warning (the chart may install
/// them later; the next check picks them up).
/// </summary>
internal sealed class KubernetesCaBundlePublisher(
    IKubernetes client,
    IOptions<CertificateOptions> options,
    ILogger<KubernetesCaBundlePublisher> logger) : ICaBundlePublisher
{
    private const int MaxAttempts = 3;

    private const string Validating = "ValidatingWebhookConfiguration";

    private const string Mutating = "MutatingWebhookConfiguration";

    private const string Crd = "CustomResourceDefinition";

    public async Task PublishAsync(string caBundlePem, CancellationToken cancellationToken)
    {
        var bundle = Encoding.ASCII.GetBytes(caBundlePem);
        var settings = options.Value;
        var failed = new List<string>();
        await PublishAsync(Validating, settings.ValidatingWebhookConfigurationName, ReadValidatingAsync, PatchValidatingAsync, bundle, failed, cancellationToken)
            .ConfigureAwait(false);
        await PublishAsync(Mutating, settings.MutatingWebhookConfigurationName, ReadMutatingAsync, PatchMutatingAsync, bundle, failed, cancellationToken)
            .ConfigureAwait(false);
        await PublishAsync(Crd, settings.ConversionCrdName, ReadCrdAsync, PatchCrdAsync, bundle, failed, cancellationToken)
            .ConfigureAwait(false);
        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"could not set the caBundle of {string.Join(", ", failed)}");
        }
    }

    private async Task PublishAsync(
        string kind,
        string name,
        Func<string, CancellationToken, Task<Target?>> read,
        Func<V1Patch, string, CancellationToken, Task> patch,
        byte[] bundle,
        List<string> failed,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var target = await read(name, cancellationToken).ConfigureAwait(false);
                if (target is null)
                {
                    CertificateLog.CaBundleTargetMissing(logger, kind, name);
                    return;
                }

                if (target.Slots.Count == 0)
                {
                    CertificateLog.CaBundleTargetWithoutWebhook(logger, kind, name);
                    return;
                }

                var body = CaBundlePatch.Build(target.ResourceVersion, target.Slots, bundle);
                if (body is null)
                {
                    CertificateLog.CaBundleCurrent(logger, kind, name);
                    return;
                }

                try
                {
                    await patch(new V1Patch(body, V1Patch.PatchType.JsonPatch), name, cancellationToken).ConfigureAwait(false);
                    var differed = target.Slots.Count(s => s.Current is null || !s.Current.AsSpan().SequenceEqual(bundle));
                    CertificateLog.CaBundlePatched(logger, kind, name, differed, target.Slots.Count);
                    return;
                }
                catch (HttpOperationException e) when (IsStale(e) && attempt < MaxAttempts)
                {
                    CertificateLog.CaBundleConflict(logger, kind, name, attempt);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            CertificateLog.CaBundlePatchFailed(logger, e, kind, name);
            failed.Add($"{kind} {name}");
        }
    }

    /// <summary>A failed <c>test</c> of the resourceVersion: the object changed between read and patch.</summary>
    private static bool IsStale(HttpOperationException e) =>
        e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity;

    private async Task<Target?> ReadValidatingAsync(string name, CancellationToken cancellationToken)
    {
        var configuration = await ReadOrNullAsync(() => client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(name, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return configuration is null
            ? null
            : new Target(configuration.Metadata.ResourceVersion, WebhookSlots(configuration.Webhooks?.Select(w => w.ClientConfig)));
    }

    private async Task<Target?> ReadMutatingAsync(string name, CancellationToken cancellationToken)
    {
        var configuration = await ReadOrNullAsync(() => client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(name, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return configuration is null
            ? null
            : new Target(configuration.Metadata.ResourceVersion, WebhookSlots(configuration.Webhooks?.Select(w => w.ClientConfig)));
    }

    private async Task<Target?> ReadCrdAsync(string name, CancellationToken cancellationToken)
    {
        var crd = await ReadOrNullAsync(() => client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (crd is null)
        {
            return null;
        }

        var clientConfig = crd.Spec.Conversion?.Webhook?.ClientConfig;
        return new Target(
            crd.Metadata.ResourceVersion,
            clientConfig is null ? [] : [("/spec/conversion/webhook/clientConfig", clientConfig.CaBundle)]);
    }

    private Task PatchValidatingAsync(V1Patch body, string name, CancellationToken cancellationToken) =>
        client.AdmissionregistrationV1.PatchValidatingWebhookConfigurationAsync(body, name, cancellationToken: cancellationToken);

    private Task PatchMutatingAsync(V1Patch body, string name, CancellationToken cancellationToken) =>
        client.AdmissionregistrationV1.PatchMutatingWebhookConfigurationAsync(body, name, cancellationToken: cancellationToken);

    private Task PatchCrdAsync(V1Patch body, string name, CancellationToken cancellationToken) =>
        client.ApiextensionsV1.PatchCustomResourceDefinitionAsync(body, name, cancellationToken: cancellationToken);

    private static List<(string, byte[]?)> WebhookSlots(IEnumerable<Admissionregistrationv1WebhookClientConfig?>? clientConfigs) =>
        (clientConfigs ?? [])
            .Select((config, index) => (config, index))
            .Where(x => x.config is not null)
            .Select(x => ($"/webhooks/{x.index}/clientConfig", (byte[]?)x.config!.CaBundle))
            .ToList();

    private static async Task<T?> ReadOrNullAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>An object's resourceVersion and its caBundle slots (pointer to the clientConfig, current value).</summary>
    private sealed record Target(string? ResourceVersion, IReadOnlyList<(string ClientConfigPointer, byte[]? Current)> Slots);
}
