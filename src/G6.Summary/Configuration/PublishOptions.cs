using G6.Summary.Security;

namespace G6.Summary.Configuration;

/// <summary>
/// Status push (<c>POST /summary/status</c>): who may publish, how large a document may be, and how often
/// each publisher may push. Without a publish token the endpoint is off (404), never open.
/// </summary>
public sealed record PublishOptions
{
    /// <summary>Status documents are a few KB; 1 MiB (the default) leaves room for large ones and bounds a runaway collector.</summary>
    public const long DefaultMaxBytes = 1024 * 1024;

    /// <summary>Below this not even a small status fits.</summary>
    public const long MinMaxBytes = 1024;

    /// <summary>
    /// Two pushes a second per publisher, averaged over a minute: a collector pushes every few seconds,
    /// and a retry storm from a broken one is cut off before it costs the loop more than a busy file would.
    /// </summary>
    public static readonly ConnectRate DefaultRate = new(120, TimeSpan.FromSeconds(60));

    /// <summary>Accepted <c>Authorization: Bearer</c> values on a push; empty means the endpoint is off. Several allow rotation.</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];

    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Pushes per publisher (per token) in a sliding window.</summary>
    public ConnectRate Rate { get; init; } = DefaultRate;

    public bool Enabled => Tokens.Count > 0;

    internal static PublishOptions Bind(SettingReader read) => new()
    {
        Tokens = read.Tokens(SettingNames.PublishToken, SettingNames.PublishTokenFile),
        MaxBytes = read.Integer(SettingNames.PublishMaxBytes, DefaultMaxBytes, MinMaxBytes, 64L * 1024 * 1024),
        Rate = read.Rate(SettingNames.PublishRate, "pushes per publisher") ?? DefaultRate,
    };

    /// <summary>A reader must never be able to publish, so no token may be both.</summary>
    internal void CheckSeparateFrom(IReadOnlyList<string> readerTokens, bool fromFile)
    {
        if (Tokens.Any(t => readerTokens.Contains(t, StringComparer.Ordinal)))
        {
            throw new InvalidSettingException(
                fromFile ? SettingNames.PublishTokenFile : SettingNames.PublishToken,
                $"a publish token must differ from every reader token ({SettingNames.ApiToken})");
        }
    }
}
