using System.Text.Json;
using G6.Summary.Protocol.Payloads;
using G6.Summary.Publishing;
using G6.Summary.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace G6.Summary.Endpoints;

/// <summary>
/// <c>GET /summary/resync[?panels=a,b]</c>: the whole current state, in hash parity with the stream
/// at the same seq. Unknown panel keys in <c>panels</c> are ignored; the digest is always the whole state's.
/// </summary>
public static class ResyncEndpoint
{
    // Ten panels today; this bounds the work a hostile query string can cause.
    private const int MaxRequestedPanels = 64;

    public static async Task HandleAsync(HttpContext context)
    {
        var admission = context.RequestServices.GetRequiredService<AdmissionController>().Admit(context, reserveStream: false);
        if (!admission.Admitted)
        {
            await PlainText.RefuseAsync(context, admission);
            return;
        }

        var state = context.RequestServices.GetRequiredService<IEventLog>().Current;
        var wanted = RequestedKeys(context.Request.Query["panels"]);
        var bodies = new Dictionary<string, PanelBody>(StringComparer.Ordinal);
        foreach (var panel in state.Panels)
        {
            if (wanted is null || wanted.Contains(panel.Key))
            {
                bodies[panel.Key] = new PanelBody(panel.Hash, panel.Title, panel.Lines);
            }
        }

        var payload = new ResyncPayload(EventEncoder.SchemaVersion, state.Epoch, state.Seq, state.Cycle, state.Ts, state.Digest, bodies);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, payload, ProtocolJsonContext.Wire.ResyncPayload, context.RequestAborted);
    }

    private static HashSet<string>? RequestedKeys(Microsoft.Extensions.Primitives.StringValues values)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            foreach (var key in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (keys.Count >= MaxRequestedPanels)
                {
                    break;
                }

                keys.Add(key);
            }
        }

        return keys.Count == 0 ? null : keys;
    }
}
