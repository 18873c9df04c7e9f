using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MetalLb.Kubernetes.Caching;

namespace MetalLb.Kubernetes.Tests.Caching;

public class WatchStreamsTests
{
    [Fact]
    public async Task Translate_PutsReportedErrorsBeforeTheEventThatFollowsThem()
    {
        static async IAsyncEnumerable<(WatchEventType, string)> Stream(Action<Exception> onError, [EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.Yield();
            yield return (WatchEventType.Added, "a");
            onError(new JsonException("bad line"));
            yield return (WatchEventType.Deleted, "b");
            onError(new KubernetesException(new V1Status { Code = 410, Reason = "Expired", Message = "too old resource version: 1 (5)" }));
        }

        var items = await Collect(WatchStreams.TranslateAsync(
            onError => Stream(onError),
            (type, name) => WatchItemFactory.FromEvent(type, "ns", name, "1", () => (name, null)),
            CancellationToken.None));

        Assert.Equal(
            [WatchItemType.Upserted, WatchItemType.Malformed, WatchItemType.Deleted, WatchItemType.Failed],
            items.Select(i => i.Type));
        Assert.Equal(["ns/a", null, "ns/b", null], items.Select(i => i.Key));
        Assert.True(items[3].Expired);
        Assert.Equal(410, items[3].StatusCode);
        Assert.Equal("too old resource version: 1 (5)", items[3].Problem);
    }

    [Fact]
    public async Task Translate_WatchClosedBeforeItsFirstEvent_EndsWithoutError()
    {
        var closed = new HttpRequestException("Error while copying content to a stream.", new EndOfStreamException());

        var items = await Collect(WatchStreams.TranslateAsync(
            _ => EndingWith(closed), (type, name) => WatchItem.Bookmark(name), CancellationToken.None));

        Assert.Empty(items);
    }

    [Fact]
    public async Task Translate_ConnectionError_IsThrownAfterTheEventsBeforeIt()
    {
        var reset = new HttpRequestException("Connection reset", new IOException("reset by peer"));
        var items = new List<WatchItem>();

        var error = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var item in WatchStreams.TranslateAsync(
                _ => EndingWith(reset, (WatchEventType.Added, "a")), (type, name) => WatchItem.Bookmark(name), CancellationToken.None))
            {
                items.Add(item);
            }
        });

        Assert.Single(items);
        Assert.Same(reset, error);
        Assert.False(ApiErrors.IsWatchClosedBeforeFirstEvent(error));
    }

    [Fact]
    public void FromError_StatusOtherThanGone_IsAFailureThatIsNotExpired()
    {
        var item = WatchStreams.FromError(new KubernetesException(new V1Status { Code = 500, Message = "internal error" }));

        Assert.Equal((WatchItemType.Failed, false, 500), (item.Type, item.Expired, item.StatusCode));
    }

    [Theory]
    [InlineData(410, null, true)]
    [InlineData(null, "Expired", true)]
    [InlineData(null, "Gone", true)]
    [InlineData(500, "InternalError", false)]
    [InlineData(409, "Conflict", false)]
    public void IsExpired_RecognisesTooOldResourceVersion(int? code, string? reason, bool expired)
    {
        var status = new V1Status { Code = code, Reason = reason };

        Assert.Equal(expired, ApiErrors.IsExpired(status));
        Assert.Equal(expired, ApiErrors.IsExpired(new KubernetesException(status)));
    }

    [Theory]
    [InlineData(HttpStatusCode.Gone, true)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void IsExpired_RecognisesGoneAsTheHttpStatus(HttpStatusCode code, bool expired)
    {
        var error = new HttpOperationException("failed")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), ""),
        };

        Assert.Equal(expired, ApiErrors.IsExpired(error));
        Assert.False(ApiErrors.IsExpired(new HttpRequestException("Connection refused")));
    }

    [Theory]
    [InlineData(WatchEventType.Added)]
    [InlineData(WatchEventType.Modified)]
    public void FromEvent_WhenTheMapperRefusesTheObject_IsMalformedWithItsReason(WatchEventType type)
    {
        var item = WatchItemFactory.FromEvent(type, "default", "web", "4", () => (null, "spec.externalTrafficPolicy: unsupported"));

        Assert.Equal((WatchItemType.Malformed, "default/web", "4"), (item.Type, item.Key, item.ResourceVersion));
        Assert.Equal("spec.externalTrafficPolicy: unsupported", item.Problem);
    }

    [Fact]
    public void FromEvent_WhenTheMapperThrows_IsMalformed()
    {
        var item = WatchItemFactory.FromEvent(WatchEventType.Added, null, "node-1", "4", () => throw new InvalidOperationException("boom"));

        Assert.Equal((WatchItemType.Malformed, "node-1", "boom"), (item.Type, item.Key, item.Problem));
    }

    private static async IAsyncEnumerable<(WatchEventType, string)> EndingWith(Exception end, params (WatchEventType, string)[] events)
    {
        await Task.Yield();
        foreach (var e in events)
        {
            yield return e;
        }

        throw end;
    }

    private static async Task<List<WatchItem>> Collect(IAsyncEnumerable<WatchItem> items)
    {
        var list = new List<WatchItem>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
