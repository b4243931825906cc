using System.Collections.Concurrent;

namespace G6.Summary.Tests.Client;

/// <summary>An HTTP handler that answers from a function and records each request with the test clock's time.</summary>
internal sealed class StubHandler(TimeProvider clock, Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public ConcurrentQueue<(DateTimeOffset At, string Path, IReadOnlyDictionary<string, string> Headers)> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue((clock.GetUtcNow(), request.RequestUri!.AbsolutePath, headers));
        return Task.FromResult(respond(request));
    }
}
