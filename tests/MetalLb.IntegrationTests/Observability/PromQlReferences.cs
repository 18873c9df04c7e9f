namespace MetalLb.IntegrationTests.Observability;

/// <summary>
/// What a PromQL expression refers to: the series names it selects, the label matchers on each selector, and the
/// labels of its by/without/on/ignoring/group_left/group_right clauses.
/// </summary>
internal sealed record PromQlReferences(
    IReadOnlyList<string> Series,
    IReadOnlyList<(string Series, string Label)> MatcherLabels,
    IReadOnlyList<string> GroupingLabels);
