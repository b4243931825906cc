using G6.Summary.Security;

namespace G6.Summary.Configuration;

/// <summary>
/// Where the token files are, so they can be re-read when they change (<see cref="ReloadingTokenSet"/>).
/// The tokens read at start stay on <see cref="SecurityOptions.ApiTokens"/>, <see cref="MetricsOptions.Tokens"/> and <see cref="PublishOptions.Tokens"/>
/// (a bad file stops start-up there); a path set here makes the set follow its file from then on.
/// </summary>
public sealed record CredentialOptions
{
    /// <summary><c>G6_SSE_API_TOKEN_FILE</c>, or null (tokens inline or none: a fixed set).</summary>
    public string? ApiTokenFile { get; init; }

    /// <summary><c>G6_METRICS_TOKEN_FILE</c>, or null.</summary>
    public string? MetricsTokenFile { get; init; }

    /// <summary><c>G6_PUBLISH_TOKEN_FILE</c>, or null.</summary>
    public string? PublishTokenFile { get; init; }

    /// <summary>
    /// The safety-net re-read of each token file (besides the file watcher). Not a setting: two seconds bounds
    /// how late a removal is seen when no watcher event comes, at the cost of one small read.
    /// </summary>
    public TimeSpan CheckInterval { get; init; } = ReloadingTokenSet.DefaultCheckInterval;

    /// <summary>False leaves only the periodic check (tests of the safety net).</summary>
    public bool Watch { get; init; } = true;

    internal static CredentialOptions Bind(SettingReader read) => new()
    {
        ApiTokenFile = read.Text(SettingNames.ApiTokenFile),
        MetricsTokenFile = read.Text(SettingNames.MetricsTokenFile),
        PublishTokenFile = read.Text(SettingNames.PublishTokenFile),
    };
}
