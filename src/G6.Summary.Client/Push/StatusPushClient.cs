using System.Net.Http.Headers;
using System.Text.Json;
using G6.Summary.Protocol;

namespace G6.Summary.Client;

/// <summary>
/// Pushes whole status documents to a summary server (<c>POST /summary/status</c>) with a publish token,
/// for collectors that do not share a file system with the service. Give each document one idempotency
/// key and send it again with the same key after a timeout or a transient answer: the server then
/// answers as the first time and publishes no second event.
/// </summary>
public sealed class StatusPushClient(HttpClient http, Uri baseAddress, string publishToken)
{
    private readonly Uri _endpoint = new(baseAddress, EndpointPaths.Status.TrimStart('/'));

    /// <summary>A new idempotency key: one per document, reused only for retries of that document.</summary>
    public static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");

    /// <summary>Sends <paramref name="document"/> (UTF-8 JSON) once.</summary>
    /// <exception cref="HttpRequestException">The server could not be reached.</exception>
    public async Task<StatusPushResult> PushAsync(ReadOnlyMemory<byte> document, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new ReadOnlyMemoryContent(document),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.Json);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", publishToken);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.IdempotencyKey, idempotencyKey);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        var replayed = response.Headers.TryGetValues(HeaderNames.IdempotentReplayed, out var values) && values.Contains("true");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        if (status != 200)
        {
            return new StatusPushResult(status, body.Trim(), null, null, null, []) { Replayed = replayed, RetryAfter = retryAfter };
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var changed = root.GetProperty("changed").EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray();
            return new StatusPushResult(status, null, root.GetProperty("epoch").GetString(), root.GetProperty("seq").GetInt64(),
                root.GetProperty("digest").GetString(), changed)
            { Replayed = replayed };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new SummaryProtocolException("the push answer is not the protocol's {epoch, seq, digest, changed}");
        }
    }
}
