using G6.Summary.Security;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Security;

public sealed class SessionCookiesTests
{
    private const string TokenA = "reader-a-5b0e2f7d91c4";
    private const string TokenB = "reader-b-c83a16e4f207";
    private static readonly TimeSpan Day = TimeSpan.FromHours(12);

    [Fact]
    public void Issue_ThenValidate_AcceptedUntilItExpires()
    {
        var time = new FakeTimeProvider();
        var sessions = new SessionCookies([TokenA, TokenB], Day, time);

        var value = Issue(sessions, 1, out var expires);

        Assert.Equal(time.GetUtcNow() + Day, expires);
        Assert.Equal(expires, sessions.ValidUntil(value));
        time.Advance(Day - TimeSpan.FromSeconds(1));
        Assert.NotNull(sessions.ValidUntil(value));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(sessions.ValidUntil(value));
    }

    [Fact]
    public void Issue_CookieHoldsNothingSecret()
    {
        var sessions = new SessionCookies([TokenA], Day, new FakeTimeProvider());
        var value = Issue(sessions, 0, out _);

        var parts = value.Split('.');
        Assert.Equal(4, parts.Length);
        Assert.Equal("v1", parts[0]);
        Assert.DoesNotContain(TokenA, value, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(TokenA))), value, StringComparison.Ordinal);

        // Cookie-safe as it stands: no quoting or escaping needed anywhere.
        Assert.All(value, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_', $"'{c}'"));
    }

    [Fact]
    public void Validate_AnotherInstanceWithTheSameTokens_Accepts()
    {
        // A restart, or another node behind the same balancer: no state is shared but the configured tokens.
        var time = new FakeTimeProvider();
        var value = Issue(new SessionCookies([TokenA, TokenB], Day, time), 0, out _);

        Assert.NotNull(new SessionCookies([TokenB, TokenA], Day, time).ValidUntil(value));
        Assert.NotNull(new SessionCookies([TokenA], Day, time).ValidUntil(value));
    }

    [Fact]
    public void Validate_TokenRemovedFromConfiguration_Refused()
    {
        var time = new FakeTimeProvider();
        var old = new SessionCookies([TokenA, TokenB], Day, time);
        var madeWithA = Issue(old, 0, out _);
        var madeWithB = Issue(old, 1, out _);

        var rotated = new SessionCookies([TokenB], Day, time);
        Assert.Null(rotated.ValidUntil(madeWithA));
        Assert.NotNull(rotated.ValidUntil(madeWithB));
        Assert.Null(new SessionCookies([], Day, time).ValidUntil(madeWithB));
    }

    [Fact]
    public void Validate_LifetimeShortenedSinceIssue_Refused()
    {
        var time = new FakeTimeProvider();
        var value = Issue(new SessionCookies([TokenA], Day, time), 0, out _);

        Assert.Null(new SessionCookies([TokenA], TimeSpan.FromHours(1), time).ValidUntil(value));
    }

    [Fact]
    public void Validate_EveryPartTampered_Refused()
    {
        var time = new FakeTimeProvider();
        var sessions = new SessionCookies([TokenA], Day, time);
        var value = Issue(sessions, 0, out _);
        var parts = value.Split('.');
        var earlier = (long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        string[] tampered =
        [
            $"v2.{parts[1]}.{parts[2]}.{parts[3]}",
            $"v1.{Flip(parts[1])}.{parts[2]}.{parts[3]}",
            $"v1.{parts[1]}.{earlier}.{parts[3]}",
            $"v1.{parts[1]}.{parts[2]}.{Flip(parts[3])}",
            $"v1.{parts[1]}.{parts[2]}.{parts[3][..^2]}",
            $"v1.{parts[1]}.{parts[2]}.{parts[3][..^1]}",
            $"v1.{parts[1]}.{parts[2]}.{parts[3]}=",
            $"v1.{parts[1]}.{parts[2]}.{parts[3][..^1]}*",
            $"v1.{parts[1]}.{parts[2]}.{parts[3][..^1]}\u00e9",
            $"v1.{parts[1]}.{parts[2]}",
            $"{value}.extra",
            $"v1.{parts[1]}.+{parts[2]}.{parts[3]}",
            $"v1.{parts[1]}.99999999999999999999.{parts[3]}",
            string.Empty,
            "v1...",
        ];
        Assert.All(tampered, t => Assert.Null(sessions.ValidUntil(t)));

        // The same cookie signed with another token's key is not accepted for this one.
        var other = Issue(new SessionCookies([TokenB], Day, time), 0, out _).Split('.');
        Assert.Null(sessions.ValidUntil($"v1.{parts[1]}.{parts[2]}.{other[3]}"));
    }

    [Fact]
    public void ValidUntil_CookieHeader_FindsOurCookieAmongOthers()
    {
        var sessions = new SessionCookies([TokenA], Day, new FakeTimeProvider());
        var value = Issue(sessions, 0, out var expires);

        Assert.Equal(expires, sessions.ValidUntil(new StringValues($"theme=dark; {SessionCookies.CookieName}={value}; lang=en")));
        Assert.Equal(expires, sessions.ValidUntil(new StringValues(["theme=dark", $"{SessionCookies.CookieName}={value}"])));
        Assert.Equal(expires, sessions.ValidUntil(new StringValues($"{SessionCookies.CookieName}=v1.bad.1.bad; {SessionCookies.CookieName}={value}")));
        Assert.Null(sessions.ValidUntil(new StringValues($"x{SessionCookies.CookieName}={value}")));
        Assert.Null(sessions.ValidUntil(StringValues.Empty));
        Assert.False(sessions.Validate(new StringValues("g6_session=")));
    }

    [Fact]
    public void ValidUntil_ManyCandidates_LooksAtOnlyAFew()
    {
        // Bounds the work a hostile Cookie header can cause: the valid one after four bad ones is not reached.
        var sessions = new SessionCookies([TokenA], Day, new FakeTimeProvider());
        var value = Issue(sessions, 0, out _);
        var header = string.Join("; ", Enumerable.Repeat($"{SessionCookies.CookieName}=v1.x.1.y", 4)) + $"; {SessionCookies.CookieName}={value}";
        Assert.Null(sessions.ValidUntil(new StringValues(header)));
    }

    [Fact]
    public void ValidUntil_RandomGarbage_NeverThrowsNeverAccepts()
    {
        var sessions = new SessionCookies([TokenA], Day, new FakeTimeProvider());
        var parts = Issue(sessions, 0, out _).Split('.');
        var random = new Random(15);
        const string Alphabet = "v1.0123456789AZaz-_=+/%;\" \u00e9\u2014\ud83d";
        for (var i = 0; i < 5000; i++)
        {
            // Half are near misses: the real parts with one of them replaced by noise.
            var noise = new string([.. Enumerable.Range(0, random.Next(0, 60)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);
            var candidate = (i % 2) switch
            {
                0 => noise,
                _ => string.Join('.', parts.Select((p, n) => n == i % 4 ? noise : p)),
            };
            Assert.Null(sessions.ValidUntil(candidate));
            Assert.False(sessions.Validate(new StringValues($"{SessionCookies.CookieName}={candidate}")));
        }
    }

    private static string Flip(string text) => (text[0] == 'A' ? 'B' : 'A') + text[1..];

    private static string Issue(SessionCookies sessions, int tokenIndex, out DateTimeOffset expires) =>
        sessions.Issue(sessions.Tokens.Current.Credentials[tokenIndex], out expires);
}
