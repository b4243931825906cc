using G6.Summary.Protocol;
using Microsoft.AspNetCore.Http;

namespace G6.Summary.Security;

/// <summary>
/// Guards <c>/metrics</c> when <c>G6_METRICS_TOKEN</c> (or <c>G6_METRICS_TOKEN_FILE</c>) is set. Accepts <c>Authorization: Bearer &lt;token&gt;</c>
/// (what Prometheus' scrape config sends) or <c>X-API-Token</c>, compared in constant time.
/// </summary>
public sealed class MetricsTokenVerifier(IReadOnlyList<string> tokens)
{
    private readonly ApiTokenVerifier _verifier = new(tokens);

    public bool Allows(HttpRequest request)
    {
        if (!_verifier.IsRequired)
        {
            return true;
        }

        var authorization = request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return _verifier.Verify(value["Bearer ".Length..].Trim());
        }

        return _verifier.Verify(request.Headers[HeaderNames.ApiToken]);
    }
}
