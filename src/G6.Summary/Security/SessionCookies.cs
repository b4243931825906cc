using System.Buffers.Text;
using System.Collections.Concurrent;
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
/// few tens of milliseconds once per token at start (and once per token added to a reloaded token file).</para>
/// <para>The keys follow the token file (<see cref="ReloadingTokenSet"/>): only tokens in the set now sign or
/// verify, so a cookie made with a removed token is refused from the reload on.</para>
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

    private readonly ReloadingTokenSet _tokens;
    private readonly ConcurrentDictionary<Credential, SessionKey> _keys = new();
    private readonly TimeProvider _time;

    /// <summary>Sessions for a fixed list of tokens (tests).</summary>
    public SessionCookies(IReadOnlyList<string> tokens, TimeSpan lifetime, TimeProvider time)
        : this(ReloadingTokenSet.Fixed(tokens), lifetime, time)
    {
    }

    public SessionCookies(ReloadingTokenSet tokens, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = tokens;
        Lifetime = lifetime;
        _time = time;
        foreach (var credential in tokens.Current.Credentials)
        {
            KeyOf(credential);
        }

        tokens.Changed += OnTokensChanged;
    }

    /// <summary>The reader tokens whose keys sign sessions (the same set admission checks headers against).</summary>
    public ReloadingTokenSet Tokens => _tokens;

    /// <summary>How long an issued cookie is accepted.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>
    /// A new cookie value for the configured token <paramref name="credential"/>
    /// (<see cref="ApiTokenVerifier.Match"/>), and when it expires.
    /// </summary>
    public string Issue(Credential credential, out DateTimeOffset expires)
    {
        var key = KeyOf(credential);

        // Whole seconds: the cookie's Expires attribute has no finer resolution either.
        var seconds = _time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var signed = string.Create(CultureInfo.InvariantCulture, $"{Version}.{key.Id}.{seconds}");
        return $"{signed}.{Mac(key.Key, signed)}";
    }

    /// <summary>True when one of the <c>g6_session</c> cookies in the <c>Cookie</c> header(s) is valid now.</summary>
    public bool Validate(StringValues cookieHeaders) => ValidUntil(cookieHeaders) is not null;

    /// <summary>When the first valid <c>g6_session</c> cookie in the header(s) expires, or null when none is valid.</summary>
    public DateTimeOffset? ValidUntil(StringValues cookieHeaders) => Authenticate(cookieHeaders, out var until) is null ? null : until;

    /// <summary>
    /// The credential whose key signed the first valid <c>g6_session</c> cookie in the header(s), and when that
    /// cookie expires; null when none is valid. A stream opened with the session remembers the credential.
    /// </summary>
    public Credential? Authenticate(StringValues cookieHeaders, out DateTimeOffset until)
    {
        until = default;
        if (!_tokens.IsRequired)
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

                if (Check(pair[(CookieName.Length + 1)..], out until) is { } credential)
                {
                    return credential;
                }
            }
        }

        return null;
    }

    /// <summary>When the cookie value expires if it is valid now (signed by a configured token's key, not expired), else null.</summary>
    public DateTimeOffset? ValidUntil(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Check(value, out var until) is null ? null : until;
    }

    private Credential? Check(string value, out DateTimeOffset until)
    {
        until = default;
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
        if (!CryptographicOperations.FixedTimeEquals(presented, expected))
        {
            return null;
        }

        until = expires;
        return key.Credential;
    }

    private SessionKey KeyOf(Credential credential) => _keys.GetOrAdd(credential, DeriveKey);

    private void OnTokensChanged(TokenSetChange change)
    {
        foreach (var removed in change.Removed)
        {
            _keys.TryRemove(removed, out _);
        }

        // Derived here, on the reload's thread, so the first sign-in with a new token does not pay for it.
        foreach (var credential in change.Current.Credentials)
        {
            KeyOf(credential);
        }
    }

    private SessionKey? Find(string id)
    {
        // Ids are not secret, but comparing all of them keeps the time independent of which one matched.
        // Only tokens configured now count: a removed token's sessions are refused from its reload on.
        var presented = Encoding.ASCII.GetBytes(id);
        SessionKey? found = null;
        foreach (var key in _tokens.Current.Credentials.Select(KeyOf))
        {
            if (CryptographicOperations.FixedTimeEquals(presented, key.IdBytes) && found is null)
            {
                found = key;
            }
        }

        return found;
    }

    private static SessionKey DeriveKey(Credential credential)
    {
        var key = Rfc2898DeriveBytes.Pbkdf2(credential.Token, KeySalt, KeyIterations, HashAlgorithmName.SHA256, 32);

        // 96 bits name the key without revealing it; collisions between a handful of tokens are negligible.
        var id = Base64Url.EncodeToString(HMACSHA256.HashData(key, IdLabel).AsSpan(0, 12));
        return new SessionKey(credential, id, Encoding.ASCII.GetBytes(id), key);
    }

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    private static string Mac(byte[] key, string signed) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)));

    private sealed record SessionKey(Credential Credential, string Id, byte[] IdBytes, byte[] Key);
}
