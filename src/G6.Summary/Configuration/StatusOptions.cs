using G6.Summary.Status;

namespace G6.Summary.Configuration;

/// <summary>Where the status comes from and how often it is read (<c>G6_SUMMARY_*</c>).</summary>
public sealed record StatusOptions
{
    /// <summary>One cycle a second: the platform writes status every few seconds, so nothing is missed.</summary>
    public const double DefaultRefreshSec = 1.0;

    /// <summary>Three missed 60 s collector cycles (the platform's usual interval) before health says stale.</summary>
    public const double DefaultStaleSec = 180;

    /// <summary>Status files are a few KB; 8 MiB stops a runaway writer from costing the loop memory.</summary>
    public const long DefaultMaxBytes = 8 * 1024 * 1024;

    public static readonly WholeRange MaxBytesRange = new(1024, 1L << 30);
    public static readonly SecondsRange RefreshRange = new(0.01, 3600);
    public static readonly SecondsRange StaleRange = new(1, 7 * 24 * 3600);

    /// <summary>
    /// The source; null means the default: <see cref="StatusSourceKind.File"/> when <see cref="File"/> is set,
    /// else <see cref="StatusSourceKind.Demo"/>. Use <see cref="EffectiveSource"/> to read it.
    /// </summary>
    public StatusSourceKind? Source { get; init; }

    /// <summary>Status file to follow; null means the built-in demo source (unless another source is chosen).</summary>
    public string? File { get; init; }

    public long MaxBytes { get; init; } = DefaultMaxBytes;

    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(DefaultRefreshSec);

    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(DefaultStaleSec);

    /// <summary>The demo source's behaviour; <c>busy</c> is for load tests.</summary>
    public DemoProfile DemoProfile { get; init; } = DemoProfile.Realistic;

    public StatusSourceKind EffectiveSource => Source ?? (File is null ? StatusSourceKind.Demo : StatusSourceKind.File);

    public void Validate()
    {
        MaxBytesRange.Check(SettingNames.MaxStatusBytes, MaxBytes);
        RefreshRange.Check(SettingNames.RefreshSec, RefreshInterval);
        StaleRange.Check(SettingNames.StaleSec, StaleAfter);
        if (Source == StatusSourceKind.File && File is null)
        {
            throw new InvalidSettingException(SettingNames.SummarySource, $"file needs {SettingNames.StatusFile} (the status file to follow)");
        }

        if (Source is StatusSourceKind.Demo or StatusSourceKind.None or StatusSourceKind.Push && File is not null)
        {
            // A file nobody reads is a mistake worth stopping for: the operator expects it to be followed.
            throw new InvalidSettingException(SettingNames.SummarySource, $"{Source.Value.ToString().ToLowerInvariant()} does not read {SettingNames.StatusFile}; unset one of them");
        }
    }

    internal static StatusOptions Bind(SettingReader read)
    {
        var options = new StatusOptions
        {
            Source = read.SourceKind(SettingNames.SummarySource),
            File = read.Text(SettingNames.StatusFile),
            MaxBytes = read.Integer(SettingNames.MaxStatusBytes, DefaultMaxBytes, MaxBytesRange),
            RefreshInterval = read.Seconds(SettingNames.RefreshSec, DefaultRefreshSec, RefreshRange),
            StaleAfter = read.Seconds(SettingNames.StaleSec, DefaultStaleSec, StaleRange),
            DemoProfile = read.Profile(SettingNames.DemoProfile),
        };
        options.Validate();
        return options;
    }
}
