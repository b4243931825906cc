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

    /// <summary>From 1 KiB (below it not even a small status fits) to 64 MiB (eight times the status file's own default bound).</summary>
    public static readonly WholeRange MaxBytesRange = new(1024, 64L * 1024 * 1024);

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

    public void Validate()
    {
        MaxBytesRange.Check(SettingNames.PublishMaxBytes, MaxBytes);
        SettingReader.CheckTokens(SettingNames.PublishToken, Tokens);
    }

    /// <summary>
    /// The rules that involve other features: push is the status source exactly when publish tokens are set
    /// (a push endpoint beside a file or demo source would fight it; a push source without tokens could never
    /// be fed), and no token is both a reader's and a publisher's.
    /// </summary>
    internal void ValidateWith(StatusOptions status, SecurityOptions security)
    {
        var pushSource = status.EffectiveSource == StatusSourceKind.Push;
        if (pushSource && !Enabled)
        {
            throw new InvalidSettingException(SettingNames.SummarySource,
                $"push needs {SettingNames.PublishToken} or {SettingNames.PublishTokenFile} (without one nothing could publish)");
        }

        if (Enabled && !pushSource)
        {
            throw new InvalidSettingException(SettingNames.PublishToken,
                $"a publish token needs {SettingNames.SummarySource}=push (pushed status would fight the {status.EffectiveSource.ToString().ToLowerInvariant()} source)");
        }

        if (Tokens.Any(t => security.ApiTokens.Contains(t, StringComparer.Ordinal)))
        {
            throw new InvalidSettingException(SettingNames.PublishToken, $"a publish token must differ from every reader token ({SettingNames.ApiToken})");
        }
    }

    internal static PublishOptions Bind(SettingReader read)
    {
        var options = new PublishOptions
        {
            Tokens = read.Tokens(SettingNames.PublishToken, SettingNames.PublishTokenFile),
            MaxBytes = read.Integer(SettingNames.PublishMaxBytes, DefaultMaxBytes, MaxBytesRange),
            Rate = read.Rate(SettingNames.PublishRate, "pushes per publisher") ?? DefaultRate,
        };
        options.Validate();
        return options;
    }
}
