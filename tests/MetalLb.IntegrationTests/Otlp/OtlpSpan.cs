namespace MetalLb.IntegrationTests.Otlp;

/// <summary>A span as an OTLP/HTTP exporter sent it (opentelemetry/proto/trace/v1/trace.proto), with its resource's service.name.</summary>
internal sealed record OtlpSpan(
    string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, int StatusCode, IReadOnlyDictionary<string, string> Attributes)
{
    public const int Server = 2;
    public const int Producer = 4;
    public const int Consumer = 5;
    public const int StatusError = 2;

    /// <summary>The spans of an ExportTraceServiceRequest: resource_spans(1) → scope_spans(2) → spans(2).</summary>
    public static IEnumerable<OtlpSpan> Decode(ReadOnlyMemory<byte> request) =>
        from resourceSpans in ProtoReader.Messages(request, 1)
        let service = OtlpValues.ServiceName(resourceSpans)
        from scopeSpans in ProtoReader.Messages(resourceSpans, 2)
        from span in ProtoReader.Messages(scopeSpans, 2)
        select Span(service, span);

    private static OtlpSpan Span(string service, ReadOnlyMemory<byte> span)
    {
        var fields = ProtoReader.Fields(span).ToList();
        var status = fields.Where(f => f.Number == 15).Select(f => ProtoReader.Fields(f.Bytes).FirstOrDefault(s => s.Number == 3).Value).FirstOrDefault();
        return new OtlpSpan(
            service,
            fields.First(f => f.Number == 1).Hex,
            fields.First(f => f.Number == 2).Hex,
            fields.FirstOrDefault(f => f.Number == 4).Hex,
            fields.First(f => f.Number == 5).Text,
            (int)fields.FirstOrDefault(f => f.Number == 6).Value,
            (int)status,
            OtlpValues.KeyValues(span, 9).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Value));
    }
}
