using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Security;

/// <summary>
/// The tokens one setting accepts at one moment (immutable; a reload makes a new set). Matching hashes the
/// presented value first, so the comparison takes the same time whatever its length or content, and compares
/// every configured token (no early exit) so timing does not reveal which one matched.
/// </summary>
public sealed class TokenSet
{
    private readonly Credential[] _credentials;

    public TokenSet(IEnumerable<Credential> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = [.. credentials];
    }

    public static TokenSet Empty { get; } = new([]);

    public static TokenSet Of(IEnumerable<string> tokens) => new(tokens.Select(Credential.For));

    public IReadOnlyList<Credential> Credentials => _credentials;

    /// <summary>True when at least one token is configured (an empty set admits everyone).</summary>
    public bool IsRequired => _credentials.Length > 0;

    /// <summary>The credential of the token sent, or null when exactly one non-empty value was not sent or it matches none.</summary>
    public Credential? Match(StringValues header)
    {
        if (header.Count != 1 || string.IsNullOrEmpty(header[0]))
        {
            return null;
        }

        Span<byte> presented = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(header[0]!), presented);
        Credential? match = null;
        foreach (var credential in _credentials)
        {
            // Every token is compared; the first match is kept without branching out of the loop.
            if (CryptographicOperations.FixedTimeEquals(presented, credential.Hash) && match is null)
            {
                match = credential;
            }
        }

        return match;
    }

    /// <summary>
    /// The set after a reload to <paramref name="tokens"/>: tokens kept keep their credential object (streams hold
    /// it), new ones get a new one. <paramref name="removed"/> is every credential of this set not kept.
    /// </summary>
    public TokenSet With(IEnumerable<string> tokens, out IReadOnlyList<Credential> removed)
    {
        var next = new List<Credential>();
        foreach (var fresh in tokens.Select(Credential.For))
        {
            next.Add(_credentials.FirstOrDefault(c => c.SameTokenAs(fresh)) ?? fresh);
        }

        removed = [.. _credentials.Where(c => !next.Contains(c))];
        return new TokenSet(next);
    }
}
