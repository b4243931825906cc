using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace G6.Summary.Hosting;

/// <summary>
/// The operators' console log, for the service and the CLI's other commands alike: single text lines
/// (<see cref="OperatorConsoleFormatter"/>) or, with <c>G6_LOG_FORMAT=json</c>, one JSON object per line
/// (<see cref="OperatorJsonConsoleFormatter"/>).
/// </summary>
public static class OperatorLogging
{
    public static ILoggingBuilder AddOperatorConsole(this ILoggingBuilder logging, Configuration.LogFormat format = Configuration.LogFormat.Text) =>
        logging.AddConsole(console => console.FormatterName = format == Configuration.LogFormat.Json
                ? OperatorJsonConsoleFormatter.FormatterName
                : OperatorConsoleFormatter.FormatterName)
            .AddConsoleFormatter<OperatorConsoleFormatter, ConsoleFormatterOptions>()
            .AddConsoleFormatter<OperatorJsonConsoleFormatter, ConsoleFormatterOptions>();
}
