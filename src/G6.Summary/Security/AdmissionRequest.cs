using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Security;

/// <summary>
/// What admission and the audit log look at in a request, taken from Kestrel's request or from a
/// request head read by the direct stream transport, so both paths are judged by the same code.
/// </summary>
/// <param name="Peer">The client's address (IPv4-mapped addresses already unmapped).</param>
/// <param name="Token">Every <c>X-API-Token</c> value sent (more than one is refused).</param>
/// <param name="UserAgent">The <c>User-Agent</c>, or empty.</param>
/// <param name="RequestId">The request's id (<see cref="Security.RequestId"/>), already chosen.</param>
/// <param name="Cookie">Every <c>Cookie</c> header sent: a browser's session (<see cref="SessionCookies"/>) stands in for the token.</param>
public readonly record struct AdmissionRequest(IPAddress Peer, StringValues Token, string UserAgent, string RequestId, StringValues Cookie = default)
{
    public static AdmissionRequest From(HttpContext context) => new(
        PeerAddress.Of(context),
        context.Request.Headers[ApiTokenVerifier.Header],
        context.Request.Headers.UserAgent.ToString(),
        Security.RequestId.Of(context),
        context.Request.Headers.Cookie);
}
