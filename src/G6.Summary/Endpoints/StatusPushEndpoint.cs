using System.Globalization;
using G6.Summary.Configuration;
using G6.Summary.Metrics;
using G6.Summary.Protocol;
using G6.Summary.Security;
using G6.Summary.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using MediaTypeHeaderValue = Microsoft.Net.Http.Headers.MediaTypeHeaderValue;

namespace G6.Summary.Endpoints;

/// <summary>
/// <c>POST /summary/status</c>: a collector pushes the whole status document. Checked in this order, the
/// first failure answers: publish token (401 missing or wrong, 403 a reader's token), the publisher's rate
/// (429), <c>Content-Type</c> (415), <c>Content-Length</c> (411 absent, 413 over <c>G6_PUBLISH_MAX_BYTES</c>),
/// <c>Idempotency-Key</c> syntax (400), then the document itself (400 when it is not a status). Only
/// mapped when a publish token is configured; otherwise the path is 404 like any unknown one.
/// </summary>
public static class StatusPushEndpoint
{
    /// <summary>Keys are client-chosen ids (UUIDs, hashes); the bound keeps a hostile one from costing memory.</summary>
    public const int MaxIdempotencyKeyLength = 128;

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var metrics = services.GetRequiredService<ISummaryMetrics>();
        var request = context.Request;

        var verdict = services.GetRequiredService<PublishTokenVerifier>().Verify(request.Headers.Authorization, out var publisher);
        if (publisher is null)
        {
            metrics.AuthFailed(AuthEndpoints.Status);
            services.GetRequiredService<SecurityAudit>().Rejected(AdmissionRequest.From(context),
                verdict == PublishTokenVerifier.ReaderToken ? PushResults.Forbidden : PushResults.Unauthorized, AuthEndpoints.Status);
            if (verdict == PublishTokenVerifier.ReaderToken)
            {
                await RefuseAsync(context, metrics, StatusCodes.Status403Forbidden, "this token may read the stream but not publish", PushResults.Forbidden);
                return;
            }

            context.Response.Headers.WWWAuthenticate = "Bearer";
            await RefuseAsync(context, metrics, StatusCodes.Status401Unauthorized, "publish token missing or wrong (Authorization: Bearer <token>)", PushResults.Unauthorized);
            return;
        }

        if (!services.GetRequiredService<PublishRateLimiter>().TryAcquire(publisher, out var wait))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await RefuseAsync(context, metrics, StatusCodes.Status429TooManyRequests, "push rate exceeded (G6_PUBLISH_RATE)", PushResults.RateLimited);
            return;
        }

        if (!IsJson(request.ContentType))
        {
            await RefuseAsync(context, metrics, StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json", PushResults.UnsupportedType);
            return;
        }

        var max = services.GetRequiredService<SummaryOptions>().Publish.MaxBytes;
        if (request.ContentLength is not { } length)
        {
            await RefuseAsync(context, metrics, StatusCodes.Status411LengthRequired, "Content-Length required", PushResults.LengthRequired);
            return;
        }

        if (length > max)
        {
            await RefuseAsync(context, metrics, StatusCodes.Status413PayloadTooLarge, $"status document over {max} bytes (G6_PUBLISH_MAX_BYTES)", PushResults.TooLarge);
            return;
        }

        var key = request.Headers[HeaderNames.IdempotencyKey];
        if (key.Count > 1 || key.Count == 1 && !IsValidKey(key[0]))
        {
            await RefuseAsync(context, metrics, StatusCodes.Status400BadRequest, $"Idempotency-Key must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters", PushResults.Invalid);
            return;
        }

        if (await ReadBodyAsync(context, (int)length) is not { } body)
        {
            // The client stopped sending (or sent more than it announced); nothing of it is used.
            context.Abort();
            return;
        }

        var receiver = services.GetRequiredService<StatusPushReceiver>();
        var (answer, replayed) = await receiver.ReceiveAsync(publisher.Id, body, key.Count == 1 ? key[0] : null, context.RequestAborted);
        metrics.PushHandled(replayed ? PushResults.Replayed : answer.Result, body.Length);
        if (replayed)
        {
            context.Response.Headers[HeaderNames.IdempotentReplayed] = "true";
        }

        await WriteAsync(context, answer);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType.Value, MediaTypes.Json, StringComparison.OrdinalIgnoreCase)
        && (parsed.Charset.Value is null || string.Equals(parsed.Charset.Value, "utf-8", StringComparison.OrdinalIgnoreCase));

    private static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxIdempotencyKeyLength } && key.All(c => c > ' ' && c <= '~');

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int length)
    {
        // Kestrel's limit is 0 for every other request (SummaryServer); this one may carry the announced length.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = length;
        }

        var body = new byte[length];
        try
        {
            await context.Request.Body.ReadExactlyAsync(body, context.RequestAborted);
            return body;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or OperationCanceledException or BadHttpRequestException)
        {
            return null;
        }
    }

    private static Task RefuseAsync(HttpContext context, ISummaryMetrics metrics, int status, string line, string result)
    {
        metrics.PushHandled(result, null);

        // The body was not read: close after answering rather than read (or wait for) what the client sends.
        if (context.Request.ContentLength is not 0)
        {
            context.Response.Headers.Connection = "close";
        }

        return PlainText.WriteAsync(context, status, line);
    }

    private static async Task WriteAsync(HttpContext context, PushAnswer answer)
    {
        var response = context.Response;
        if (!answer.IsJson)
        {
            await PlainText.WriteAsync(context, answer.Status, System.Text.Encoding.UTF8.GetString(answer.Body).TrimEnd('\n'));
            return;
        }

        response.StatusCode = answer.Status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }
}
