using MetalLb.Kubernetes.Manifests;

namespace MetalLb.Kubernetes.Tests;

public class ManifestProblemTests
{
    [Theory]
    [InlineData("f.yaml", "IPAddressPool", "a", "spec.addresses[0]", "bad", "f.yaml: IPAddressPool/a: spec.addresses[0]: bad")]
    [InlineData("f.yaml", "IPAddressPool", "a", null, "bad", "f.yaml: IPAddressPool/a: bad")]
    [InlineData("f.yaml", "IPAddressPool", null, null, "bad", "f.yaml: IPAddressPool: bad")]
    [InlineData("f.yaml", null, null, null, "bad", "f.yaml: bad")]
    [InlineData("-", null, "a", "spec", "bad", "-: a: spec: bad")]
    public void ToString_LeavesOutMissingParts(string source, string? kind, string? name, string? field, string message, string expected)
    {
        var problem = new ManifestProblem(source, kind, name, field, message);

        Assert.Equal(expected, problem.ToString());
    }
}
