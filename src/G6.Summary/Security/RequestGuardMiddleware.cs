using G6.Summary.Configuration;
using G6.Summary.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace G6.Summary.Security;

/// <summary>
/// Runs for every request: assigns the request id, and refuses a request body (every endpoint but the
/// sign-in and the status push is a GET; a body is either a mistake or a probe). A sign-in may carry a
/// small JSON body; a status push is let through to its endpoint, which checks the publisher before
/// it reads a byte (and answers 411/413 itself), or to routing's 404 when push is off. Header size, header count and URL length limits are
/// Kestrel's (431, 431, 414); see <see cref="Hosting.SummaryServer"/>.
/// </summary>
public sealed class RequestGuardMiddleware(RequestDelegate next)
{
    // A stray body on a GET is small; anything bigger or slower than this is not worth waiting for.
    private const long DrainLimitBytes = 64 * 1024;
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(1);

    public async Task InvokeAsync(HttpContext context)
    {
        RequestId.Assign(context);
        var request = context.Request;
        if (IsPush(request))
        {
            if (!context.RequestServices.GetRequiredService<SummaryOptions>().Publish.Enabled)
            {
                // Routing answers 404; the body is never read, so the connection is not kept for it.
                context.Response.Headers.Connection = "close";
            }

            await next(context);
            return;
        }

        if ((request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0) && !IsSmallSignIn(request))
        {
            // Answer first, then read what was sent (briefly, and only a little) so the close is clean;
            // a client that announced a body and does not send it is cut off rather than holding the
            // socket for Kestrel's minimum-data-rate grace period.
            context.Response.Headers.Connection = "close";
            await PlainText.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "request body not allowed");
            await context.Response.CompleteAsync();
            if (!await DrainAsync(context))
            {
                context.Abort();
            }

            return;
        }

        await next(context);
    }

    private static bool IsPush(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(SummaryEndpointExtensions.StatusPath, StringComparison.Ordinal);

    // Only with a declared length: a chunked body's size is not known before it is read.
    private static bool IsSmallSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(SummaryEndpointExtensions.SessionPath, StringComparison.Ordinal)
            && request.ContentLength <= SessionEndpoint.MaxBodyBytes && request.Headers.TransferEncoding.Count == 0;

    private static async Task<bool> DrainAsync(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false })
        {
            limit.MaxRequestBodySize = DrainLimitBytes;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(DrainTime);
        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or BadHttpRequestException)
        {
            return false;
        }
    }
}
