using Microsoft.Extensions.Logging;

namespace G6.Summary.Configuration;

/// <summary>What the service logs and in which shape (<c>G6_LOG_*</c>).</summary>
public sealed record LoggingOptions
{
    public LogLevel Level { get; init; } = LogLevel.Information;

    /// <summary><c>text</c> (default) or <c>json</c>: one JSON object per line for log shippers.</summary>
    public LogFormat Format { get; init; } = LogFormat.Text;

    public void Validate()
    {
        if (!Enum.IsDefined(Level))
        {
            throw new InvalidSettingException(SettingNames.LogLevel, "must be one of Trace, Debug, Information, Warning, Error, Critical, None");
        }

        if (!Enum.IsDefined(Format))
        {
            throw new InvalidSettingException(SettingNames.LogFormat, "must be text or json");
        }
    }

    internal static LoggingOptions Bind(SettingReader read)
    {
        var options = new LoggingOptions
        {
            Level = read.Level(SettingNames.LogLevel, LogLevel.Information),
            Format = read.Format(SettingNames.LogFormat),
        };
        options.Validate();
        return options;
    }
}
