using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace G6.Summary.Hosting;

/// <summary>
/// <c>G6_LOG_FORMAT=json</c>: one JSON object per line for log shippers, with the same event ids,
/// categories and messages as the text format, and the same rule: an exception is named by its type,
/// never by its message or stack trace. Fields: <c>time</c> (UTC, ISO 8601), <c>level</c>,
/// <c>category</c>, <c>event_id</c>, <c>message</c>, the message's named values under <c>fields</c>, and
/// <c>exception_type</c> when there is one.
/// </summary>
public sealed class OperatorJsonConsoleFormatter(TimeProvider timeProvider) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "g6-json";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public OperatorJsonConsoleFormatter()
        : this(TimeProvider.System)
    {
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        if (OperatorConsoleFormatter.IsReportedByCaller(logEntry.Category, logEntry.EventId.Id))
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("time", timeProvider.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("level", OperatorConsoleFormatter.LevelName(logEntry.LogLevel));
            json.WriteString("category", logEntry.Category);
            json.WriteNumber("event_id", logEntry.EventId.Id);
            json.WriteString("message", logEntry.Formatter(logEntry.State, null));
            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values && values.Count > 1)
            {
                json.WriteStartObject("fields");
                foreach (var (name, value) in values)
                {
                    // "{OriginalFormat}" is the template, not a value.
                    if (name != "{OriginalFormat}")
                    {
                        WriteValue(json, name, value);
                    }
                }

                json.WriteEndObject();
            }

            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception_type", exception.GetType().Name);
            }

            json.WriteEndObject();
        }

        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write(Environment.NewLine);
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            case int or long or short or byte or uint or ulong:
                json.WriteNumber(name, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                json.WriteNumber(name, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
