using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Security;

/// <summary>
/// Signs and checks the browser's session cookie (<c>POST /summary/session</c>), which admission accepts
/// in place of <c>X-API-Token</c> because <c>EventSource</c> cannot send headers.
/// </summary>
/// <remarks>
/// <para>The cookie is <c>v1.&lt;id&gt;.&lt;expires&gt;.&lt;mac&gt;</c>. Nothing in it is secret and the server
/// keeps no session table: each configured token has a signing key derived from the token itself
/// (PBKDF2-HMAC-SHA256, salt <c>g6-session-v1</c>), <c>id</c> is a short non-reversible name of that key,
/// <c>expires</c> is Unix seconds, and <c>mac</c> is HMAC-SHA256 with the key over everything before it.</para>
/// <para>Why derived keys rather than a random server secret: every node (and every restart) that is
/// configured with the same tokens accepts the same cookies, with no secret to share or store; and removing a
/// token from the configuration removes its key, so every session made with it stops working at once.
/// Why PBKDF2 rather than one HMAC: a cookie lets anyone who holds it test guesses of the token offline;
/// 100,000 iterations make each guess cost what it costs against a stored password hash, at the price of a
/// few tens of milliseconds once per token at start.</para>
/// </remarks>
public sealed class SessionCookies
{
    public const string CookieName = "g6_session";

    /// <summary>Sent only to the stream, resync and session endpoints, never to the page's own files.</summary>
    public const string CookiePath = "/summary";

    private const string Version = "v1";

    // OWASP's 2023 floor for PBKDF2-HMAC-SHA256 is 600,000 for passwords people choose; API tokens are
    // generated, so a sixth of that keeps start-up quick while still pricing each offline guess.
    private const int KeyIterations = 100_000;

    /// <summary>Clocks of several nodes differ a little; a cookie may be this much younger than "now + TTL".</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    // Bounds the work one request's Cookie header can cause (a browser sends one g6_session).
    private const int MaxCandidates = 4;

    // 32 bytes of HMAC-SHA256 in unpadded base64url.
    private const int MacChars = 43;

    private static ReadOnlySpan<byte> KeySalt => "g6-session-v1"u8;

    private static ReadOnlySpan<byte> IdLabel => "g6-session-id"u8;

    private readonly SessionKey[] _keys;
    private readonly TimeProvider _time;

    public SessionCookies(IReadOnlyList<string> tokens, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _keys = [.. tokens.Select(DeriveKey)];
        Lifetime = lifetime;
        _time = time;
    }

    /// <summary>How long an issued cookie is accepted.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>
    /// A new cookie value for the configured token at <paramref name="tokenIndex"/>
    /// (<see cref="ApiTokenVerifier.Match"/>), and when it expires.
    /// </summary>
    public string Issue(int tokenIndex, out DateTimeOffset expires)
    {
        var key = _keys[tokenIndex];

        // Whole seconds: the cookie's Expires attribute has no finer resolution either.
        var seconds = _time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var signed = string.Create(CultureInfo.InvariantCulture, $"{Version}.{key.Id}.{seconds}");
        return $"{signed}.{Mac(key.Key, signed)}";
    }

    /// <summary>True when one of the <c>g6_session</c> cookies in the <c>Cookie</c> header(s) is valid now.</summary>
    public bool Validate(StringValues cookieHeaders) => ValidUntil(cookieHeaders) is not null;

    /// <summary>When the first valid <c>g6_session</c> cookie in the header(s) expires, or null when none is valid.</summary>
    public DateTimeOffset? ValidUntil(StringValues cookieHeaders)
    {
        if (_keys.Length == 0)
        {
            return null;
        }

        var candidates = 0;
        foreach (var header in cookieHeaders)
        {
            foreach (var pair in (header ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!pair.StartsWith(CookieName + "=", StringComparison.Ordinal))
                {
                    continue;
                }

                if (++candidates > MaxCandidates)
                {
                    return null;
                }

                if (ValidUntil(pair[(CookieName.Length + 1)..]) is { } until)
                {
                    return until;
                }
            }
        }

        return null;
    }

    /// <summary>When the cookie value expires if it is valid now (signed by a configured token's key, not expired), else null.</summary>
    public DateTimeOffset? ValidUntil(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split('.');
        if (parts.Length != 4 || parts[0] != Version || parts[2].Length is 0 or > 12 || !parts[2].All(char.IsAsciiDigit)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        var now = _time.GetUtcNow();

        // Also refuse a cookie that outlives the lifetime configured now: shortening G6_SESSION_TTL_SEC
        // takes effect for cookies already handed out.
        if (expires <= now || expires > now + Lifetime + ClockSkew)
        {
            return null;
        }

        var key = Find(parts[1]);
        if (key is null)
        {
            return null;
        }

        // Checked before decoding: the decoder throws on malformed input, and a cookie is the client's to malform.
        Span<byte> presented = stackalloc byte[32];
        if (parts[3].Length != MacChars || !parts[3].All(IsBase64UrlChar)
            || !Base64Url.TryDecodeFromChars(parts[3], presented, out var written) || written != 32)
        {
            return null;
        }

        var signed = value[..value.LastIndexOf('.')];
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(key.Key, Encoding.ASCII.GetBytes(signed), expected);
        return CryptographicOperations.FixedTimeEquals(presented, expected) ? expires : null;
    }

    private SessionKey? Find(string id)
    {
        // Ids are not secret, but comparing all of them keeps the time independent of which one matched.
        var presented = Encoding.ASCII.GetBytes(id);
        SessionKey? found = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, key.IdBytes) && found is null)
            {
                found = key;
            }
        }

        return found;
    }

    private static SessionKey DeriveKey(string token)
    {
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(token), KeySalt, KeyIterations, HashAlgorithmName.SHA256, 32);

        // 96 bits name the key without revealing it; collisions between a handful of tokens are negligible.
        var id = Base64Url.EncodeToString(HMACSHA256.HashData(key, IdLabel).AsSpan(0, 12));
        return new SessionKey(id, Encoding.ASCII.GetBytes(id), key);
    }

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    private static string Mac(byte[] key, string signed) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)));

    private sealed record SessionKey(string Id, byte[] IdBytes, byte[] Key);
}
