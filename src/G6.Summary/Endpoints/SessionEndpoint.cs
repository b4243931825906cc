using System.Text.Json;
using G6.Summary.Metrics;
using G6.Summary.Publishing.Payloads;
using G6.Summary.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Endpoints;

/// <summary>
/// <c>/summary/session</c>: a browser exchanges a reader token for a signed session cookie (POST), learns
/// whether it holds one (GET), and signs out (DELETE). <c>EventSource</c> cannot send <c>X-API-Token</c>,
/// and a token in a URL would end up in histories and proxy logs; a cookie scoped to <c>/summary</c> is
/// sent with the stream and resync requests and nowhere else.
/// </summary>
public static class SessionEndpoint
{
    /// <summary>A JSON body holds one token; anything larger is not a sign-in.</summary>
    public const int MaxBodyBytes = 1024;

    public const string AuditKind = "session";

    /// <summary><c>POST</c>: the token in <c>X-API-Token</c> or a JSON body <c>{"token": "…"}</c>; never in the URL.</summary>
    public static async Task SignInAsync(HttpContext context)
    {
        Browser.DashboardEndpoint.CloseAfter(context);
        var services = context.RequestServices;
        var tokens = services.GetRequiredService<ApiTokenVerifier>();
        if (!tokens.IsRequired)
        {
            await PlainText.WriteAsync(context, StatusCodes.Status404NotFound, "no token is configured; no session is needed");
            return;
        }

        var presented = context.Request.Headers[ApiTokenVerifier.Header];
        if (presented.Count == 0 && context.Request.ContentLength > 0)
        {
            if (await ReadBodyTokenAsync(context) is not { } fromBody)
            {
                await PlainText.WriteAsync(context, StatusCodes.Status400BadRequest, "expected a JSON body {\"token\": \"...\"} or the X-API-Token header");
                return;
            }

            presented = fromBody;
        }

        // Only the token presented here counts: a session the browser already holds does not sign it in again.
        var request = AdmissionRequest.From(context) with { Token = presented, Cookie = StringValues.Empty };
        var admission = services.GetRequiredService<AdmissionController>().Admit(request, reserveStream: false, AuditKind, AuthEndpoints.Session);
        if (!admission.Admitted)
        {
            await PlainText.RefuseAsync(context, admission.Status == StatusCodes.Status401Unauthorized
                ? admission with { Message = "token missing or wrong" }
                : admission);
            return;
        }

        var sessions = services.GetRequiredService<SessionCookies>();
        var value = sessions.Issue(admission.Credential!, out var expires);
        context.Response.Cookies.Append(SessionCookies.CookieName, value, CookieOptions(context, expires));
        await WriteAsync(context, new SessionPayload(true, true, expires.ToUnixTimeMilliseconds()));
    }

    /// <summary><c>GET</c>: whether a token is needed and whether this request's cookie is a valid session. Reveals nothing else.</summary>
    public static Task StatusAsync(HttpContext context)
    {
        // The page asks this just before it opens the stream: see DashboardEndpoint.CloseAfter.
        Browser.DashboardEndpoint.CloseAfter(context);
        var services = context.RequestServices;
        var required = services.GetRequiredService<ApiTokenVerifier>().IsRequired;
        var until = required ? services.GetRequiredService<SessionCookies>().ValidUntil(context.Request.Headers.Cookie) : null;
        return WriteAsync(context, new SessionPayload(required, until is not null, until?.ToUnixTimeMilliseconds()));
    }

    /// <summary>
    /// <c>DELETE</c>: removes the cookie from the browser. The server keeps no session list, so a copy of the
    /// cookie taken elsewhere stays valid until it expires or its token is removed from the configuration.
    /// </summary>
    public static Task SignOutAsync(HttpContext context)
    {
        Browser.DashboardEndpoint.CloseAfter(context);
        context.Response.Cookies.Delete(SessionCookies.CookieName, CookieOptions(context, null));
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expires)
    {
        var options = new CookieOptions
        {
            Path = SessionCookies.CookiePath,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,

            // Under HTTPS (directly or, with G6_SSE_TRUSTED_PROXIES, at the proxy) the cookie never travels in clear.
            Secure = context.Request.IsHttps,
        };
        if (expires is { } at)
        {
            options.Expires = at;
            // Browsers prefer Max-Age; the server's own check is the expiry signed into the value, which is at
            // up to a second earlier (rounded down): in that second a request is refused (401) and the page asks again.
            options.MaxAge = context.RequestServices.GetRequiredService<SessionCookies>().Lifetime;
        }

        return options;
    }

    private static async Task<string?> ReadBodyTokenAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes || request.ContentType is not { } type
            || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Kestrel's limit is 0 for every other request (SummaryServer); this one may carry a small body.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(request.Body, SummaryJsonContext.Wire.SessionRequest, context.RequestAborted);
            return string.IsNullOrEmpty(body?.Token) ? null : body.Token;
        }
        catch (Exception ex) when (ex is JsonException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext context, SessionPayload payload)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, payload, SummaryJsonContext.Wire.SessionPayload, context.RequestAborted);
    }
}
