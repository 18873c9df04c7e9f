using MetalLb.Kubernetes.Manifests;
using MetalLb.Webhook.Admission;

namespace MetalLb.Cli.Lab;

/// <summary>One write the lab made to its store, and what admission said about it.</summary>
public sealed record LabWrite(ManifestObject Document, string Operation, AdmissionDecision Decision);
