using System.Security.Cryptography;
using System.Text;
using G6.Summary.Protocol;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Security;

/// <summary>
/// Checks <c>X-API-Token</c> in constant time. Both sides are hashed first, so the comparison takes the
/// same time whatever the length or content of the guess, and every configured token is compared
/// (no early exit) so timing does not reveal which one matched.
/// </summary>
public sealed class ApiTokenVerifier
{
    public const string Header = HeaderNames.ApiToken;

    private readonly byte[][] _hashes;

    public ApiTokenVerifier(IReadOnlyList<string> tokens)
    {
        _hashes = [.. tokens.Select(t => SHA256.HashData(Encoding.UTF8.GetBytes(t)))];
    }

    public bool IsRequired => _hashes.Length > 0;

    /// <summary>True when exactly one header value was sent and it equals a configured token.</summary>
    public bool Verify(StringValues header)
    {
        if (header.Count != 1 || string.IsNullOrEmpty(header[0]))
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(header[0]!), presented);
        var match = false;
        foreach (var hash in _hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, hash);
        }

        return match;
    }
}
