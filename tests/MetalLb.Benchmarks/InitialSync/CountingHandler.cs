using System.Collections.Concurrent;
using System.Diagnostics;

namespace MetalLb.Benchmarks.InitialSync;

/// <summary>
/// Counts the requests an <c>IKubernetes</c> client sends, by verb and resource (failures apart), and notes when
/// each Service's status was first written successfully. Thread-safe.
/// </summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private readonly ConcurrentDictionary<ApiRequest, int> _sent = new();
    private readonly ConcurrentDictionary<ApiRequest, int> _failed = new();
    private readonly ConcurrentDictionary<string, byte> _statusWritten = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _allStatus = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _firstStatus;
    private long _lastStatus;

    /// <summary>The number of distinct Services whose status PATCH must succeed before <see cref="AllStatusWritten"/> completes.</summary>
    public int ExpectedStatuses { get; init; } = int.MaxValue;

    public Task AllStatusWritten => _allStatus.Task;

    public int StatusesWritten => _statusWritten.Count;

    public long FirstStatusTimestamp => Interlocked.Read(ref _firstStatus);

    public long LastStatusTimestamp => Interlocked.Read(ref _lastStatus);

    /// <summary>A copy of the counts so far: sent, and of those how many failed (a non-2xx answer or no answer).</summary>
    public IReadOnlyList<(ApiRequest Request, int Sent, int Failed)> Snapshot() =>
        [.. _sent.Select(p => (p.Key, p.Value, _failed.GetValueOrDefault(p.Key))).OrderByDescending(r => r.Value).ThenBy(r => r.Key.ToString(), StringComparer.Ordinal)];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = ApiRequest.Of(request.Method, request.RequestUri!);
        _sent.AddOrUpdate(kind, 1, (_, n) => n + 1);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            _failed.AddOrUpdate(kind, 1, (_, n) => n + 1);
            throw;
        }

        if (!response.IsSuccessStatusCode)
        {
            _failed.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }
        else if (kind is { Verb: "patch", Resource: "services/status" })
        {
            StatusWritten(request.RequestUri!);
        }

        return response;
    }

    private void StatusWritten(Uri uri)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref _firstStatus, now, 0);
        if (_statusWritten.TryAdd(uri.AbsolutePath, 0))
        {
            Interlocked.Exchange(ref _lastStatus, now);
            if (_statusWritten.Count >= ExpectedStatuses)
            {
                _allStatus.TrySetResult();
            }
        }
    }
}
