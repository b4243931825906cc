using System.Text.Json;
using G6.Summary.Hosting;
using G6.Summary.Publishing;
using G6.Summary.Publishing.Payloads;
using G6.Summary.Status;
using G6.Summary.Streaming;
using G6.Summary.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace G6.Summary.Endpoints;

/// <summary><c>GET /summary/health</c>: 200 while ok or degraded, 503 when stale, starting or stopping.</summary>
public static class HealthEndpoint
{
    /// <summary>The source named in health on a node that reads no status (<c>G6_SUMMARY_SOURCE=none</c>).</summary>
    public const string NoSource = "none (serves the event log only)";

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var report = services.GetRequiredService<ServiceHealth>().Report();
        var state = services.GetRequiredService<IEventLog>().Current;
        var payload = new HealthPayload(
            report.Status,
            report.Cycle,
            report.LastGoodReadAgeSec is { } age ? Math.Round(age, 3) : null,
            report.ReadErrors,
            report.LastReadError,
            report.FailedPanels,
            services.GetRequiredService<StreamHub>().ActiveStreams,
            Math.Round(report.UptimeSec, 3),
            EventEncoder.ServerVersion,
            services.GetService<IStatusSource>()?.Description ?? NoSource,
            state.Epoch,
            state.Seq,
            Transport(services.GetRequiredService<DirectStreamsState>()));

        context.Response.StatusCode = HealthStatus.IsServing(report.Status)
            ? StatusCodes.Status200OK
            : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, payload, SummaryJsonContext.Wire.HealthPayload, context.RequestAborted);
    }

    private static TransportHealth Transport(DirectStreamsState direct) => new(direct.On, direct.OffReason);
}
