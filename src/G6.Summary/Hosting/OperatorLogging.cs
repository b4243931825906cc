using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace G6.Summary.Hosting;

/// <summary>The operators' console log (<see cref="OperatorConsoleFormatter"/>), for the service and the CLI's other commands alike.</summary>
public static class OperatorLogging
{
    public static ILoggingBuilder AddOperatorConsole(this ILoggingBuilder logging) =>
        logging.AddConsole(console => console.FormatterName = OperatorConsoleFormatter.FormatterName)
            .AddConsoleFormatter<OperatorConsoleFormatter, ConsoleFormatterOptions>();
}
