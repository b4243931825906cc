using System.Net;
using G6.Summary.Security;

namespace G6.Summary.Configuration;

/// <summary>Who may stream, and how many at once: tokens, allow lists, rates, the cap, proxies, CORS, sessions.</summary>
public sealed record SecurityOptions
{
    /// <summary>Above the 10,000-stream capacity target with room to spare; each idle stream costs a few KB.</summary>
    public const int DefaultMaxConnections = 12_000;

    /// <summary>
    /// A working day and a bit: an operator signs in once per shift, and a session copied off a machine
    /// is worthless by the next morning.
    /// </summary>
    public const double DefaultSessionTtlSec = 12 * 3600;

    public static readonly WholeRange MaxConnectionsRange = new(1, 1_000_000);
    public static readonly SecondsRange SessionTtlRange = new(60, 30 * 24 * 3600);

    /// <summary>Accepted <c>X-API-Token</c> values; empty means no token is required. Several allow rotation.</summary>
    public IReadOnlyList<string> ApiTokens { get; init; } = [];

    /// <summary>Peers allowed to stream (addresses and CIDR ranges); empty means any.</summary>
    public IReadOnlyList<IPNetwork> IpAllow { get; init; } = [];

    /// <summary>User-Agent substrings of which one must appear (case-insensitive); empty means any.</summary>
    public IReadOnlyList<string> UaAllow { get; init; } = [];

    /// <summary>Per-peer connection rate; null means unlimited.</summary>
    public ConnectRate? IpConnectRate { get; init; }

    /// <summary>The stream cap: streams past it get 429 with Retry-After.</summary>
    public int MaxConnections { get; init; } = DefaultMaxConnections;

    /// <summary>Proxies whose <c>X-Forwarded-For</c> is believed; empty (the default) means the header is ignored.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>Browser origins allowed by CORS (or "*"); empty means no CORS headers.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>How long a session cookie from <c>POST /summary/session</c> is accepted.</summary>
    public TimeSpan SessionTtl { get; init; } = TimeSpan.FromSeconds(DefaultSessionTtlSec);

    public void Validate()
    {
        MaxConnectionsRange.Check(SettingNames.MaxConnections, MaxConnections);
        SessionTtlRange.Check(SettingNames.SessionTtlSec, SessionTtl);
        SettingReader.CheckTokens(SettingNames.ApiToken, ApiTokens);
    }

    internal static SecurityOptions Bind(SettingReader read)
    {
        var options = new SecurityOptions
        {
            ApiTokens = read.Tokens(SettingNames.ApiToken, SettingNames.ApiTokenFile),
            IpAllow = read.Networks(SettingNames.IpAllow),
            UaAllow = read.List(SettingNames.UaAllow),
            IpConnectRate = read.Rate(SettingNames.IpConnectRate),
            MaxConnections = (int)read.Integer(SettingNames.MaxConnections, DefaultMaxConnections, MaxConnectionsRange),
            TrustedProxies = read.Networks(SettingNames.TrustedProxies),
            AllowedOrigins = read.Origins(SettingNames.AllowOrigin),
            SessionTtl = read.Seconds(SettingNames.SessionTtlSec, DefaultSessionTtlSec, SessionTtlRange),
        };
        options.Validate();
        return options;
    }
}
