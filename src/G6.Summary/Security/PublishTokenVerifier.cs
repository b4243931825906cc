using Microsoft.Extensions.Primitives;

namespace G6.Summary.Security;

/// <summary>
/// Who may push status: <c>Authorization: Bearer &lt;publish token&gt;</c>, compared in constant time
/// (<see cref="ApiTokenVerifier"/>). Kept apart from readers' admission so a reader's token can never
/// publish, and small so a reloading token source can replace the lists it checks against.
/// </summary>
public sealed class PublishTokenVerifier(IReadOnlyList<string> publishTokens, IReadOnlyList<string> readerTokens)
{
    private const string Scheme = "Bearer ";

    private readonly ApiTokenVerifier _publishers = new(publishTokens);
    private readonly ApiTokenVerifier _readers = new(readerTokens);

    /// <summary>False when no publish token is configured: the push endpoint is off.</summary>
    public bool IsEnabled => _publishers.IsRequired;

    /// <summary>
    /// The publisher's index in the configured list (its identity for the push rate), or
    /// <see cref="Missing"/>, <see cref="ReaderToken"/> or <see cref="Wrong"/>.
    /// </summary>
    public int Verify(StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } value
            || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value.Length == Scheme.Length)
        {
            return Missing;
        }

        var token = new StringValues(value[Scheme.Length..].Trim());
        var publisher = _publishers.Match(token);
        if (publisher >= 0)
        {
            return publisher;
        }

        // A valid reader token is a known caller without the right to publish (403), not a bad credential (401).
        return _readers.IsRequired && _readers.Verify(token) ? ReaderToken : Wrong;
    }

    public const int Missing = -1;
    public const int ReaderToken = -2;
    public const int Wrong = -3;
}
