using System.Diagnostics;

namespace MetalLb.IntegrationTests.Lab;

/// <summary>
/// One Service's trace through the lab, checked link by link: admission → reconcile → publish plan → MassTransit send
/// (producer) → receive on each node (consumer, across the broker) → announce on each node.
/// </summary>
internal sealed record LabTrace(Activity Admission, Activity Reconcile, Activity Publish, IReadOnlyList<Activity> Announces)
{
    /// <summary>Finds the admission of Service <paramref name="name"/> (namespace default) and asserts the chain from it.</summary>
    public static LabTrace Of(IReadOnlyCollection<Activity> spans, string name)
    {
        var admission = Assert.Single(spans, s => s.OperationName == "admission Service" && Tag(s, "admission.name") == name && Tag(s, "admission.type") == "mutating");
        var trace = spans.Where(s => s.TraceId == admission.TraceId).ToDictionary(s => s.SpanId);
        var reconcile = Assert.Single(trace.Values, s => s.OperationName == $"reconcile default/{name}");
        var publish = Assert.Single(trace.Values, s => s.OperationName == $"publish plan default/{name}");
        var announces = trace.Values.Where(s => s.OperationName == $"announce default/{name}").ToList();

        Assert.Equal(admission.SpanId, reconcile.ParentSpanId);
        Assert.Equal(reconcile.SpanId, publish.ParentSpanId);
        Assert.NotEmpty(announces);
        foreach (var announce in announces)
        {
            // Nearest first: the consume side, then the send, then the publish that started it.
            var chain = Ancestors(announce, trace).ToList();
            var receive = chain.FindIndex(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer);
            var send = chain.FindIndex(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer);
            Assert.True(receive >= 0 && send > receive && chain.IndexOf(publish) > send, string.Join(" <- ", chain.Select(s => s.OperationName)));
        }

        return new LabTrace(admission, reconcile, publish, announces);
    }

    public static string? Tag(Activity span, string name) => span.GetTagItem(name) switch
    {
        null => null,
        bool b => b ? "True" : "False",
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static IEnumerable<Activity> Ancestors(Activity span, Dictionary<ActivitySpanId, Activity> trace)
    {
        for (var parent = span.ParentSpanId; trace.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            yield return next;
        }
    }
}
