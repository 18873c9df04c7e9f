namespace MetalLb.IntegrationTests.Webhook;

/// <summary>The Validating/MutatingWebhookConfigurations that point the API server at a webhook on 127.0.0.1.</summary>
internal static class WebhookRegistration
{
    public const string Validating = "metallb-svc-validating";
    public const string Mutating = "metallb-svc-mutating";

    /// <summary>
    /// YAML for both configurations; no caBundle: the webhook injects it. Each waits the API server's longest (30 s):
    /// the webhook runs in the shared, loaded test process, and a shorter wait would make the tests time its answers.
    /// </summary>
    public static string Yaml(Uri webhook)
    {
        var validating = string.Concat(
            Rule("ipaddresspools", "/validate-metallb-io-v1beta1-ipaddresspool", "metallb.io", "v1beta1", "ipaddresspools", "CREATE, UPDATE"),
            Rule("bgppeers", "/validate-metallb-io-v1beta2-bgppeer", "metallb.io", "v1beta2", "bgppeers", "CREATE, UPDATE"),
            Rule("bfdprofiles", "/validate-metallb-io-v1beta1-bfdprofile", "metallb.io", "v1beta1", "bfdprofiles", "CREATE, DELETE"),
            Rule("services", "/validate-v1-service", "", "v1", "services", "CREATE, UPDATE"),
            Rule("namespaces", "/validate-v1-namespace", "", "v1", "namespaces", "UPDATE"));
        var mutating = string.Concat(
            Rule("mutate-namespaces", "/mutate-v1-namespace", "", "v1", "namespaces", "CREATE"),
            Rule("mutate-ipaddresspools", "/mutate-metallb-io-v1beta1-ipaddresspool", "metallb.io", "v1beta1", "ipaddresspools", "CREATE, UPDATE"));
        return $"""
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingWebhookConfiguration
            metadata:
              name: {Validating}
            webhooks:
            {validating.Replace("URL", webhook.ToString().TrimEnd('/'), StringComparison.Ordinal)}
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: MutatingWebhookConfiguration
            metadata:
              name: {Mutating}
            webhooks:
            {mutating.Replace("URL", webhook.ToString().TrimEnd('/'), StringComparison.Ordinal)}
            """;
    }

    private static string Rule(string name, string path, string group, string version, string resource, string operations) => $"""
        - name: {name}.metallb-svc.test
          admissionReviewVersions: ["v1"]
          sideEffects: None
          failurePolicy: Fail
          timeoutSeconds: 30
          clientConfig:
            url: URL{path}
          rules:
            - apiGroups: ["{group}"]
              apiVersions: ["{version}"]
              resources: ["{resource}"]
              operations: [{operations}]

        """;
}
