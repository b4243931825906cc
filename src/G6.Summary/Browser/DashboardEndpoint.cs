using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace G6.Summary.Browser;

/// <summary>
/// <c>GET /</c> and <c>GET /dashboard/…</c>: the embedded files, with an entity tag (a reload that changed
/// nothing is a 304) and headers that let the page do nothing but what it was written to do.
/// </summary>
public static class DashboardEndpoint
{
    /// <summary>
    /// Scripts, styles, images and connections from this origin only; no inline script or style (the page has
    /// none), no plugins, no framing, forms post only here. A content injection cannot run or load anything.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Revalidate every time: the files carry no version in their names (no build step), so a cached copy may be
    /// used only after the server confirms its tag. A reload then costs a few 304s of a few hundred bytes.
    /// </summary>
    public const string CacheControl = "no-cache";

    public static Task IndexAsync(HttpContext context) =>
        ServeAsync(context, context.RequestServices.GetRequiredService<DashboardAssets>().Index);

    public static Task FileAsync(HttpContext context)
    {
        var assets = context.RequestServices.GetRequiredService<DashboardAssets>();
        if (!assets.TryGet(context.Request.Path.Value ?? string.Empty, out var asset))
        {
            return Endpoints.PlainText.WriteAsync(context, StatusCodes.Status404NotFound, "not found");
        }

        return ServeAsync(context, asset);
    }

    private static Task ServeAsync(HttpContext context, DashboardAsset asset)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = CacheControl;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        CloseAfter(context);

        if (Matches(context.Request.Headers.IfNoneMatch, asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }

    /// <summary>
    /// Ends an HTTP/1.1 connection after this answer. A page load is a handful of requests, once; if their
    /// connections stayed open, the browser would send the stream on one of them, a second request on a
    /// kept-alive connection, which only Kestrel serves. Closed, the stream arrives on a fresh connection and
    /// the direct transport takes it (a quarter of the memory per open stream; docs/STREAMING.md).
    /// </summary>
    public static void CloseAfter(HttpContext context)
    {
        // Connection is a hop-by-hop header of HTTP/1.1 only; HTTP/2 forbids it.
        if (HttpProtocol.IsHttp11(context.Request.Protocol))
        {
            context.Response.Headers.Connection = "close";
        }
    }

    // RFC 9110 13.1.2: If-None-Match uses the weak comparison, and "*" matches any current representation.
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var ours = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }
}
