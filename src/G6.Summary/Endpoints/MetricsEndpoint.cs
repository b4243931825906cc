using G6.Summary.Metrics;
using G6.Summary.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace G6.Summary.Endpoints;

/// <summary><c>GET /metrics</c>: Prometheus text format 0.0.4, collected asynchronously so a scrape never holds up the stream.</summary>
public static class MetricsEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var guard = context.RequestServices.GetRequiredService<MetricsTokenVerifier>();
        if (!guard.Allows(context.Request))
        {
            // Counted and audited like a refused stream, so guessing the metrics token is visible.
            context.RequestServices.GetRequiredService<ISummaryMetrics>().AuthFailed(AuthEndpoints.Metrics);
            context.RequestServices.GetRequiredService<SecurityAudit>()
                .Rejected(AdmissionRequest.From(context), RejectionReasons.Unauthorized, AuthEndpoints.Metrics);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await PlainText.WriteAsync(context, StatusCodes.Status401Unauthorized, "unauthorized");
            return;
        }

        var metrics = context.RequestServices.GetRequiredService<PrometheusSummaryMetrics>();
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }
}
