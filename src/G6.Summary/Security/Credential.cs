using System.Security.Cryptography;
using System.Text;

namespace G6.Summary.Security;

/// <summary>
/// One configured token, as admission and the streams it admitted know it: a hash to compare against
/// (never the token itself) and a short id for logs. A stream keeps the credential that admitted it, so
/// when the token is removed from its file the stream can be found and ended (<see cref="IsRevoked"/>).
/// </summary>
public sealed class Credential
{
    private volatile bool _revoked;

    private Credential(byte[] token, byte[] hash, string id)
    {
        Token = token;
        Hash = hash;
        Id = id;
    }

    /// <summary>
    /// Eight hex digits naming the token in logs: a prefix of a labelled SHA-256 of the token. 32 bits
    /// cannot confirm a guess of a generated token (every guess has ~2^96 look-alikes), yet an operator can
    /// tell tokens apart in the audit log and compute the id of a token they hold (docs/STREAMING.md).
    /// </summary>
    public string Id { get; }

    /// <summary>
    /// The token's UTF-8 bytes, kept only for deriving its session-signing key (<see cref="SessionCookies"/>);
    /// never logged, never compared directly.
    /// </summary>
    internal byte[] Token { get; }

    /// <summary>SHA-256 of the token's UTF-8 bytes: what a presented token is compared with, in constant time.</summary>
    internal byte[] Hash { get; }

    /// <summary>Set once the token has left the configuration; streams admitted with it end with <c>bye</c>.</summary>
    public bool IsRevoked => _revoked;

    public static Credential For(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var bytes = Encoding.UTF8.GetBytes(token);
        return new Credential(bytes, SHA256.HashData(bytes), IdOf(token));
    }

    /// <summary>The id a token gets (<see cref="Id"/>); <c>g6-summary</c> has no command for it, the docs show a shell line.</summary>
    public static string IdOf(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("g6-token-id:" + token)))[..8];

    internal void Revoke() => _revoked = true;

    internal bool SameTokenAs(Credential other) => CryptographicOperations.FixedTimeEquals(Hash, other.Hash);
}
