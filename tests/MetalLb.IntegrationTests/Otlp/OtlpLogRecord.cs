namespace MetalLb.IntegrationTests.Otlp;

/// <summary>A log record as an OTLP/HTTP exporter sent it (opentelemetry/proto/logs/v1/logs.proto).</summary>
internal sealed record OtlpLogRecord(string Service, string TraceId, string SpanId, string Body, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The records of an ExportLogsServiceRequest: resource_logs(1) → scope_logs(2) → log_records(2).</summary>
    public static IEnumerable<OtlpLogRecord> Decode(ReadOnlyMemory<byte> request) =>
        from resourceLogs in ProtoReader.Messages(request, 1)
        let service = OtlpValues.ServiceName(resourceLogs)
        from scopeLogs in ProtoReader.Messages(resourceLogs, 2)
        from record in ProtoReader.Messages(scopeLogs, 2)
        select Record(service, record);

    private static OtlpLogRecord Record(string service, ReadOnlyMemory<byte> record)
    {
        var fields = ProtoReader.Fields(record).ToList();
        return new OtlpLogRecord(
            service,
            fields.FirstOrDefault(f => f.Number == 9).Hex,
            fields.FirstOrDefault(f => f.Number == 10).Hex,
            OtlpValues.Value(fields.FirstOrDefault(f => f.Number == 5).Bytes),
            OtlpValues.KeyValues(record, 6).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Last().Value));
    }
}
