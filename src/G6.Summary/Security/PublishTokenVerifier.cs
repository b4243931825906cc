using Microsoft.Extensions.Primitives;

namespace G6.Summary.Security;

/// <summary>
/// Who may push status: <c>Authorization: Bearer &lt;publish token&gt;</c>, compared in constant time
/// (<see cref="TokenSet.Match"/>). Kept apart from readers' admission so a reader's token can never publish;
/// the publish tokens are a <see cref="ReloadingTokenSet"/> like the readers', so a token file that is
/// followed for changes plugs in here unchanged.
/// </summary>
public sealed class PublishTokenVerifier(ReloadingTokenSet publishers, ApiTokenVerifier readers) : IDisposable
{
    public const int Accepted = 0;
    public const int Missing = -1;
    public const int ReaderToken = -2;
    public const int Wrong = -3;

    private const string Scheme = "Bearer ";

    /// <summary>A verifier of fixed lists (tests).</summary>
    public PublishTokenVerifier(IReadOnlyList<string> publishTokens, IReadOnlyList<string> readerTokens)
        : this(ReloadingTokenSet.Fixed(publishTokens), new ApiTokenVerifier(readerTokens))
    {
    }

    /// <summary>False when no publish token is configured: the push endpoint is off.</summary>
    public bool IsEnabled => publishers.IsRequired;

    /// <summary>
    /// <see cref="Accepted"/> with the publisher's credential (its identity for the push rate and idempotency
    /// keys), or <see cref="Missing"/>, <see cref="ReaderToken"/> or <see cref="Wrong"/>.
    /// </summary>
    public int Verify(StringValues authorization, out Credential? publisher)
    {
        publisher = null;
        if (authorization.Count != 1 || authorization[0] is not { } value
            || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value.Length == Scheme.Length)
        {
            return Missing;
        }

        var token = new StringValues(value[Scheme.Length..].Trim());
        publisher = publishers.Match(token);
        if (publisher is not null)
        {
            return Accepted;
        }

        // A valid reader token is a known caller without the right to publish (403), not a bad credential (401).
        return readers.IsRequired && readers.Verify(token) ? ReaderToken : Wrong;
    }

    public void Dispose() => publishers.Dispose();
}
