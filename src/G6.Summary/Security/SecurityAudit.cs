using System.Security.Cryptography;
using System.Text;
using G6.Summary.Metrics;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Security;

/// <summary>
/// Audit lines for every accepted and refused stream or resync: peer, request id, reason, and a short
/// hash of the User-Agent (enough to group clients, never the raw header). Under a flood the lines are
/// rate-limited; what is suppressed is counted in <c>g6_sse_http_security_events_dropped_total</c>.
/// </summary>
public sealed partial class SecurityAudit(ISummaryMetrics metrics, TimeProvider timeProvider, ILogger<SecurityAudit> logger)
{
    // 20 lines a second with bursts of 100: readable in an incident, cheap under a flood.
    private const double LinesPerSecond = 20;
    private const double Burst = 100;

    private readonly Lock _lock = new();
    private double _tokens = Burst;
    private long _refilledAt = timeProvider.GetTimestamp();

    public void Accepted(AdmissionRequest request, string kind)
    {
        if (logger.IsEnabled(LogLevel.Information) && TryTake())
        {
            var (peer, agent) = Describe(request);
            LogAccepted(kind, peer, request.RequestId, agent);
        }
    }

    /// <param name="endpoint">Where it was refused (<see cref="AuthEndpoints"/>): streams, resync and metrics are audited alike.</param>
    public void Rejected(AdmissionRequest request, string reason, string endpoint)
    {
        if (logger.IsEnabled(LogLevel.Warning) && TryTake())
        {
            var (peer, agent) = Describe(request);
            LogRejected(reason, peer, request.RequestId, agent, endpoint);
        }
    }

    /// <summary>
    /// A token left its file: said once per token, never rate-limited (a rotation is rare and this is the line an
    /// operator looks for). The token is named by its id (<see cref="Credential.Id"/>), never by its value.
    /// </summary>
    public void Revoked(string setting, Credential credential, int streams) => LogRevoked(credential.Id, setting, streams);

    private static (string Peer, string UserAgentHash) Describe(AdmissionRequest request) =>
        (request.Peer.ToString(), UserAgentHash(request.UserAgent));

    /// <summary>First 8 hex digits of SHA-256 of the User-Agent, or "-" when there is none.</summary>
    public static string UserAgentHash(string agent) =>
        agent.Length == 0 ? "-" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(agent)))[..8];

    private bool TryTake()
    {
        lock (_lock)
        {
            var now = timeProvider.GetTimestamp();
            _tokens = Math.Min(Burst, _tokens + (timeProvider.GetElapsedTime(_refilledAt, now).TotalSeconds * LinesPerSecond));
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return true;
            }
        }

        metrics.SecurityEventDropped();
        return false;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "audit: accepted {Kind} peer={Peer} request_id={RequestId} ua={UserAgentHash}")]
    private partial void LogAccepted(string kind, string peer, string requestId, string userAgentHash);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "audit: refused {Reason} peer={Peer} request_id={RequestId} ua={UserAgentHash} endpoint={Endpoint}")]
    private partial void LogRejected(string reason, string peer, string requestId, string userAgentHash, string endpoint);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "audit: credentials revoked token={TokenId} setting={Setting} streams={Streams} (each sent bye; sessions made with it refused)")]
    private partial void LogRevoked(string tokenId, string setting, int streams);
}
