using Microsoft.AspNetCore.Http;

namespace G6.Summary.Endpoints;

/// <summary>Short plain-text answers (PROTOCOL.md: one short line, nothing from inside the service).</summary>
public static class PlainText
{
    public const string ContentType = "text/plain; charset=utf-8";

    public static Task WriteAsync(HttpContext context, int status, string line, int? retryAfterSeconds = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = System.Text.Encoding.UTF8.GetBytes(line + "\n");
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>Answers a refused admission with its status, <c>Retry-After</c> and one line.</summary>
    public static Task RefuseAsync(HttpContext context, Security.Admission admission) =>
        WriteAsync(context, admission.Status, admission.Message, admission.RetryAfterSeconds);
}
