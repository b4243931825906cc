using G6.Summary.Protocol;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Security;

/// <summary>
/// Checks <c>X-API-Token</c> against the reader tokens (<c>G6_SSE_API_TOKEN</c> or <c>G6_SSE_API_TOKEN_FILE</c>,
/// the file re-read when it changes), in constant time (<see cref="TokenSet.Match"/>).
/// </summary>
public sealed class ApiTokenVerifier(ReloadingTokenSet tokens) : IDisposable
{
    public const string Header = HeaderNames.ApiToken;

    /// <summary>A verifier of a fixed list (inline tokens, tests).</summary>
    public ApiTokenVerifier(IReadOnlyList<string> tokens)
        : this(ReloadingTokenSet.Fixed(tokens))
    {
    }

    /// <summary>The tokens, for those that follow their changes (sessions, revocation).</summary>
    public ReloadingTokenSet Tokens { get; } = tokens;

    public bool IsRequired => Tokens.IsRequired;

    /// <summary>True when exactly one header value was sent and it equals a configured token.</summary>
    public bool Verify(StringValues header) => Match(header) is not null;

    /// <summary>
    /// The credential of the token sent, or null when exactly one value was not sent or it matches none.
    /// Sessions sign with that token's key; streams remember it, to end when it is removed.
    /// </summary>
    public Credential? Match(StringValues header) => Tokens.Match(header);

    public void Dispose() => Tokens.Dispose();
}
