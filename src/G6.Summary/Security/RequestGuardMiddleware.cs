using G6.Summary.Endpoints;
using Microsoft.AspNetCore.Http;

namespace G6.Summary.Security;

/// <summary>
/// Runs for every request: assigns the request id, and refuses a request body (every endpoint is a
/// GET; a body is either a mistake or a probe). Header size, header count and URL length limits are
/// Kestrel's (431, 431, 414); see <see cref="Hosting.SummaryServer"/>.
/// </summary>
public sealed class RequestGuardMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        RequestId.Assign(context);
        var request = context.Request;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            // Close rather than drain: we will not read a body we never asked for.
            context.Response.Headers.Connection = "close";
            return PlainText.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "request body not allowed");
        }

        return next(context);
    }
}
