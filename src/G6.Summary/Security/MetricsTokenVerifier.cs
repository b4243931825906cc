using G6.Summary.Protocol;
using Microsoft.AspNetCore.Http;

namespace G6.Summary.Security;

/// <summary>
/// Guards <c>/metrics</c> when <c>G6_METRICS_TOKEN</c> (or <c>G6_METRICS_TOKEN_FILE</c>, re-read when it changes) is set.
/// Accepts <c>Authorization: Bearer &lt;token&gt;</c> (what Prometheus' scrape config sends) or <c>X-API-Token</c>,
/// compared in constant time.
/// </summary>
public sealed class MetricsTokenVerifier(ReloadingTokenSet tokens) : IDisposable
{
    /// <summary>A verifier of a fixed list (inline tokens, tests).</summary>
    public MetricsTokenVerifier(IReadOnlyList<string> tokens)
        : this(ReloadingTokenSet.Fixed(tokens))
    {
    }

    public bool Allows(HttpRequest request)
    {
        if (!tokens.IsRequired)
        {
            return true;
        }

        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return tokens.Match(value["Bearer ".Length..].Trim()) is not null;
        }

        return tokens.Match(request.Headers[HeaderNames.ApiToken]) is not null;
    }

    public void Dispose() => tokens.Dispose();
}
