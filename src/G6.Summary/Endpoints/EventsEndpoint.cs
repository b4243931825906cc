using G6.Summary.Compression;
using G6.Summary.Configuration;
using G6.Summary.Protocol;
using G6.Summary.Security;
using G6.Summary.Streaming;
using G6.Summary.Transport;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace G6.Summary.Endpoints;

/// <summary><c>GET /summary/events</c>: admits the request, then hands the response to the hub.</summary>
public static class EventsEndpoint
{
    public const string ContentType = MediaTypes.EventStreamUtf8;

    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var admission = services.GetRequiredService<AdmissionController>().Admit(context, reserveStream: true);
        if (!admission.Admitted)
        {
            await PlainText.RefuseAsync(context, admission);
            return;
        }

        var hub = services.GetRequiredService<StreamHub>();
        if (!hub.TryOpenFilter(context.Request.Query["panels"], services.GetRequiredService<Metrics.ISummaryMetrics>(), out var filter, out var refusal))
        {
            hub.ReleaseSlot();
            await PlainText.RefuseAsync(context, refusal);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers[HeaderNames.AccelBuffering] = "no";

        // Compressed here, not by a response-compression middleware: each frame's gzip piece is made once
        // and shared by every gzip stream (Compression/), and every event is flushed whole.
        var streaming = services.GetRequiredService<SummaryOptions>().Streaming;
        var coding = ContentNegotiation.Choose(context.Request.Headers.AcceptEncoding, streaming.Compression);
        if (streaming.Compression)
        {
            response.Headers.Vary = "Accept-Encoding";
        }

        if (coding == ContentCoding.Gzip)
        {
            response.Headers.ContentEncoding = ContentNegotiation.Gzip;
        }

        // Events must leave as soon as they are written, never sit in a response buffer.
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // The connection's socket (Kestrel's socket transport, or a connection the direct transport
        // handed over) gets the same bounded kernel send buffer as a direct stream, before the first byte.
        services.GetRequiredService<StreamSendBuffer>().Apply(context.Features.Get<IConnectionSocketFeature>()?.Socket);

        ResumePoint? resume = ResumePoint.TryParse(context.Request.Headers[HeaderNames.LastEventId].ToString(), out var point)
            ? point
            : null;
        await hub.RunAsync(new KestrelStreamConnection(context), resume, admission.Credential, filter, coding);
    }
}
