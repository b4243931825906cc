using G6.Summary.Configuration;
using G6.Summary.Metrics;
using G6.Summary.Streaming;
using Microsoft.AspNetCore.Http;

namespace G6.Summary.Security;

/// <summary>
/// Decides, before any subscription exists, whether a request to <c>/summary/events</c> or
/// <c>/summary/resync</c> may go on. The checks run in PROTOCOL.md's order and the first failure
/// answers: token (401), IP allow list (403), User-Agent allow list (403), per-peer rate (429),
/// stream cap (429, streams only), shutdown (503). The token may come as <c>X-API-Token</c> or, from a browser, as the
/// session cookie that <c>POST /summary/session</c> hands out; every other check is the same for both.
/// </summary>
public sealed class AdmissionController(
    SummaryOptions options,
    ApiTokenVerifier tokens,
    SessionCookies sessions,
    ConnectionRateLimiter rateLimiter,
    IStreamCapacity streams,
    ISummaryMetrics metrics,
    SecurityAudit audit)
{
    /// <summary>How long a client refused for the stream cap should wait (PROTOCOL.md).</summary>
    public const int CapRetryAfterSeconds = 5;

    /// <summary>How long a client refused during shutdown should wait: about one restart.</summary>
    public const int ShutdownRetryAfterSeconds = 5;

    /// <summary>
    /// Runs the checks; only streams count against the cap. For a stream (<paramref name="reserveStream"/>) an admitted request holds one
    /// of the cap's slots, which the stream gives back when it ends.
    /// </summary>
    public Admission Admit(HttpContext context, bool reserveStream) => Admit(AdmissionRequest.From(context), reserveStream);

    /// <inheritdoc cref="Admit(HttpContext, bool)"/>
    public Admission Admit(AdmissionRequest request, bool reserveStream) => reserveStream
        ? Admit(request, reserveStream, "stream", AuthEndpoints.Events)
        : Admit(request, reserveStream, "resync", AuthEndpoints.Resync);

    /// <summary>
    /// Runs the checks for a request of another <paramref name="kind"/> (named in the audit line), e.g. a
    /// sign-in; a refused token is counted under <paramref name="endpoint"/> (<see cref="AuthEndpoints"/>).
    /// </summary>
    public Admission Admit(AdmissionRequest request, bool reserveStream, string kind, string endpoint)
    {
        var admission = Check(request, reserveStream);
        if (admission.Admitted)
        {
            audit.Accepted(request, kind);
        }
        else
        {
            metrics.StreamRejected(admission.Reason);
            if (admission.Reason == RejectionReasons.Unauthorized)
            {
                metrics.AuthFailed(endpoint);
            }

            audit.Rejected(request, admission.Reason, endpoint);
        }

        return admission;
    }

    private Admission Check(AdmissionRequest request, bool reserveStream)
    {
        Credential? credential = null;
        if (tokens.IsRequired && (credential = Authenticate(request)) is null)
        {
            return Admission.Refuse(StatusCodes.Status401Unauthorized, RejectionReasons.Unauthorized, "unauthorized");
        }

        var peer = request.Peer;
        if (options.Security.IpAllow.Count > 0 && !options.Security.IpAllow.Any(network => network.Contains(peer)))
        {
            return Admission.Refuse(StatusCodes.Status403Forbidden, RejectionReasons.ForbiddenIp, "forbidden");
        }

        if (options.Security.UaAllow.Count > 0)
        {
            var agent = request.UserAgent;
            if (!options.Security.UaAllow.Any(allowed => agent.Contains(allowed, StringComparison.OrdinalIgnoreCase)))
            {
                return Admission.Refuse(StatusCodes.Status403Forbidden, RejectionReasons.ForbiddenUserAgent, "forbidden");
            }
        }

        if (!rateLimiter.TryAcquire(peer, out var wait))
        {
            var seconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, int.MaxValue);
            return Admission.Refuse(StatusCodes.Status429TooManyRequests, RejectionReasons.RateLimited, "rate limited", seconds);
        }

        var reserved = false;
        if (reserveStream)
        {
            reserved = streams.TryReserveSlot();
            if (!reserved)
            {
                return Admission.Refuse(StatusCodes.Status429TooManyRequests, RejectionReasons.TooManyConnections, "too many connections", CapRetryAfterSeconds);
            }
        }

        // A resync is not a stream and holds no slot (PROTOCOL.md): a client sent truncated at a full cap
        // must still be able to recover. The checks above (token, lists, rate) bound resync abuse.

        if (streams.IsStopping)
        {
            if (reserved)
            {
                streams.ReleaseSlot();
            }

            return Admission.Refuse(StatusCodes.Status503ServiceUnavailable, RejectionReasons.ShuttingDown, "service stopping", ShutdownRetryAfterSeconds);
        }

        return Admission.AcceptWith(credential);
    }

    // A header, when sent, decides on its own: a client that names a token is judged by that token, and a
    // wrong one is a failure even when the same browser also holds a session.
    private Credential? Authenticate(AdmissionRequest request) =>
        request.Token.Count > 0 ? tokens.Match(request.Token) : sessions.Authenticate(request.Cookie, out _);
}
