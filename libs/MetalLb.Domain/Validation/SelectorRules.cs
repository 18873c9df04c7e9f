using MetalLb.Domain.Config;
using MetalLb.Domain.Model;

namespace MetalLb.Domain.Validation;

/// <summary>Parses label selectors and applies MetalLB's duplicate rules (P9, B5, L2, R12).</summary>
public static class SelectorRules
{
    /// <summary>
    /// Parses a selector list; reports invalid selectors and duplicates under <paramref name="field"/>, naming
    /// the list as <paramref name="listName"/> in messages (e.g. <c>serviceSelectors</c>).
    /// </summary>
    public static IReadOnlyList<Selector> ParseList(
        ValidationContext ctx, IMetalLbObject obj, string field, string listName, IReadOnlyList<LabelSelector>? selectors)
    {
        if (selectors is null || selectors.Count == 0)
        {
            return [];
        }

        var result = new List<Selector>(selectors.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < selectors.Count; i++)
        {
            var itemField = $"{field}[{i}]";
            var selector = Parse(ctx, obj, itemField, selectors[i]);
            if (selector is null)
            {
                continue;
            }

            if (!seen.Add(Canonical(selector)))
            {
                ctx.Error(obj, itemField, $"duplicate definition of {listName} \"{selector}\"");
                continue;
            }

            result.Add(selector);
        }

        return result;
    }

    /// <summary>Parses one selector; null (with problems reported) when it is invalid.</summary>
    public static Selector? Parse(ValidationContext ctx, IMetalLbObject obj, string field, LabelSelector? selector)
    {
        if (selector is null)
        {
            return Selector.Everything;
        }

        var ok = true;
        var requirements = new List<SelectorRequirement>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            var problem = LabelSyntax.CheckKey(key) ?? LabelSyntax.CheckValue(value);
            if (problem is not null)
            {
                ctx.Error(obj, $"{field}.matchLabels", $"invalid label selector: {problem}");
                ok = false;
                continue;
            }

            requirements.Add(new SelectorRequirement(key, SelectorOperator.In, [value]));
        }

        var expressions = selector.MatchExpressions ?? [];
        var seenExpressions = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < expressions.Count; i++)
        {
            var requirement = ParseRequirement(ctx, obj, $"{field}.matchExpressions[{i}]", expressions[i]);
            if (requirement is null)
            {
                ok = false;
                continue;
            }

            if (!seenExpressions.Add(requirement.ToString()))
            {
                ctx.Error(obj, $"{field}.matchExpressions[{i}]", $"duplicate definition of match expressions \"{requirement}\"");
                ok = false;
                continue;
            }

            requirements.Add(requirement);
        }

        return ok ? new Selector(requirements) : null;
    }

    private static SelectorRequirement? ParseRequirement(
        ValidationContext ctx, IMetalLbObject obj, string field, LabelSelectorRequirement expression)
    {
        var keyProblem = LabelSyntax.CheckKey(expression.Key);
        if (keyProblem is not null)
        {
            ctx.Error(obj, $"{field}.key", $"invalid label selector: {keyProblem}");
            return null;
        }

        SelectorOperator op;
        switch (expression.Operator)
        {
            case "In": op = SelectorOperator.In; break;
            case "NotIn": op = SelectorOperator.NotIn; break;
            case "Exists": op = SelectorOperator.Exists; break;
            case "DoesNotExist": op = SelectorOperator.DoesNotExist; break;
            default:
                ctx.Error(obj, $"{field}.operator",
                    $"invalid label selector: \"{expression.Operator}\" is not a valid label selector operator (In, NotIn, Exists, DoesNotExist)");
                return null;
        }

        var values = expression.Values ?? [];
        if (op is SelectorOperator.In or SelectorOperator.NotIn && values.Count == 0)
        {
            ctx.Error(obj, $"{field}.values", $"invalid label selector: values for operator {op} on key \"{expression.Key}\" must not be empty");
            return null;
        }

        if (op is SelectorOperator.Exists or SelectorOperator.DoesNotExist && values.Count > 0)
        {
            ctx.Error(obj, $"{field}.values", $"invalid label selector: values for operator {op} on key \"{expression.Key}\" must be empty");
            return null;
        }

        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var valueProblem = LabelSyntax.CheckValue(value);
            if (valueProblem is not null)
            {
                ctx.Error(obj, $"{field}.values", $"invalid label selector: {valueProblem}");
                return null;
            }

            if (!distinct.Add(value))
            {
                ctx.Error(obj, $"{field}.values",
                    $"duplicate definition of match expression value in label selector \"{expression.Key}\": \"{value}\"");
                return null;
            }
        }

        return new SelectorRequirement(expression.Key, op, values.ToArray());
    }

    private static string Canonical(Selector selector) =>
        string.Join(",", selector.Requirements.Select(r => r.ToString()).Order(StringComparer.Ordinal));
}
