using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace MetalLb.Webhook.Certificates;

/// <summary>
/// Self-mode store in a cluster: a <c>kubernetes.io/tls</c> Secret shared by every replica. Writes are conditional on
/// the resourceVersion read, so two replicas starting together end up serving the same certificate.
/// </summary>
internal sealed class KubernetesSecretCertificateStore(IKubernetes client, IOptions<CertificateOptions> options) : ICertificateStore
{
    private const string TlsSecretType = "kubernetes.io/tls";

    private readonly string _name = options.Value.SecretName;
    private readonly string _namespace = options.Value.Namespace;

    public string Location => $"Secret {_namespace}/{_name}";

    public async Task<StoredCertificate?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var secret = await client.CoreV1.ReadNamespacedSecretAsync(_name, _namespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            var data = secret.Data ?? new Dictionary<string, byte[]>();
            var material = CertificateMaterial.FromEntries(key => data.TryGetValue(key, out var bytes) ? Encoding.ASCII.GetString(bytes) : null);
            return new StoredCertificate(material, secret.Metadata.ResourceVersion);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> TryWriteAsync(CertificateMaterial material, string? expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            if (expectedVersion is null)
            {
                await client.CoreV1.CreateNamespacedSecretAsync(NewSecret(material), _namespace, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
            else
            {
                await client.CoreV1.PatchNamespacedSecretAsync(DataPatch(material, expectedVersion), _name, _namespace, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }

            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    private V1Secret NewSecret(CertificateMaterial material) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = TlsSecretType,
        Metadata = new V1ObjectMeta
        {
            Name = _name,
            NamespaceProperty = _namespace,
            Labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["app.kubernetes.io/name"] = "metallb-svc",
                ["app.kubernetes.io/component"] = "webhook",
            },
        },
        Data = material.ToEntries().ToDictionary(e => e.Key, e => Encoding.ASCII.GetBytes(e.Value), StringComparer.Ordinal),
    };

    /// <summary>
    /// A merge patch of the data only, so labels and annotations others put on the Secret (Helm's ownership marks, a
    /// GitOps tool's) survive; the resourceVersion in it makes the API server refuse it with 409 if the Secret changed.
    /// </summary>
    private static V1Patch DataPatch(CertificateMaterial material, string expectedVersion)
    {
        var data = new JsonObject();
        foreach (var (key, value) in material.ToEntries())
        {
            data[key] = Convert.ToBase64String(Encoding.ASCII.GetBytes(value));
        }

        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = expectedVersion },
            ["data"] = data,
        };
        return new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
    }
}
