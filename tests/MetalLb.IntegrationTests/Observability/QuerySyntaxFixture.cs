using MetalLb.TestSupport;

namespace MetalLb.IntegrationTests.Observability;

/// <summary>Installs the query grammars once (tests/support/query-syntax.sh install: npm, cached outside the clone).</summary>
public sealed class QuerySyntaxFixture() : SupportToolFixture("query-syntax.sh");
