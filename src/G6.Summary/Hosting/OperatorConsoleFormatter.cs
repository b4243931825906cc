using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace G6.Summary.Hosting;

/// <summary>
/// The operators' log format: one line per entry (<c>HH:mm:ss level: category[event id] message</c>), and
/// never an exception's message or stack trace, whoever logged it: framework code logs exceptions whole,
/// and those lines can carry paths, header values and kilobytes of frames. An entry with an exception
/// ends in the exception's type name only, which is enough to search the run-book.
/// </summary>
public sealed class OperatorConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "g6";

    /// <summary>
    /// The host's "Hosting failed to start" entry: <c>serve</c> reports a failed start itself in one line
    /// naming the cause and the setting to change, so the framework's copy is noise.
    /// </summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const int HostStartFaultedEventId = 11;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        if (IsReportedByCaller(logEntry.Category, logEntry.EventId.Id))
        {
            return;
        }

        var message = logEntry.Formatter(logEntry.State, null);
        textWriter.Write(DateTimeOffset.Now.ToString("HH:mm:ss ", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(LevelName(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.Write("] ");
        WriteOneLine(textWriter, message);
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write(" (");
            textWriter.Write(exception.GetType().Name);
            textWriter.Write(')');
        }

        textWriter.Write(Environment.NewLine);
    }

    /// <summary>True for entries that <c>serve</c> reports itself, in one line (the host's failed start).</summary>
    internal static bool IsReportedByCaller(string category, int eventId) =>
        eventId == HostStartFaultedEventId && category == HostCategory;

    internal static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    // A message with a line break would split one entry into lines a shipper reads as separate entries.
    private static void WriteOneLine(TextWriter writer, string message)
    {
        foreach (var c in message)
        {
            writer.Write(char.IsControl(c) ? ' ' : c);
        }
    }
}
