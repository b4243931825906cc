using System.Text.Json;
using G6.Summary.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Hosting;

public sealed partial class OperatorJsonConsoleFormatterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 30, 15, 250, TimeSpan.Zero);

    private static JsonElement FormatOne<TState>(string category, EventId id, LogLevel level, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var formatter2 = new OperatorJsonConsoleFormatter(new FakeTimeProvider(Now));
        using var writer = new StringWriter();
        formatter2.Write(new LogEntry<TState>(level, category, id, state, exception, formatter), null, writer);
        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        return JsonDocument.Parse(Assert.Single(lines)).RootElement.Clone();
    }

    [Fact]
    public void Write_LoggerMessageEntry_OneJsonObjectWithIdsAndNamedValues()
    {
        var provider = new CapturingJsonLoggerProvider();
        using (var factory = LoggerFactory.Create(b => b.AddProvider(provider)))
        {
            LogOverflow(factory.CreateLogger("G6.Summary.Streaming.StreamHub"), 42, 1602);
        }

        var line = Assert.Single(provider.Lines);
        var entry = JsonDocument.Parse(line).RootElement;
        Assert.Equal("2026-12-01T09:30:15.250Z", entry.GetProperty("time").GetString());
        Assert.Equal("warn", entry.GetProperty("level").GetString());
        Assert.Equal("G6.Summary.Streaming.StreamHub", entry.GetProperty("category").GetString());
        Assert.Equal(3001, entry.GetProperty("event_id").GetInt32());
        Assert.Equal("Stream 42 fell 1602 events behind", entry.GetProperty("message").GetString());
        Assert.Equal(42, entry.GetProperty("fields").GetProperty("StreamId").GetInt64());
        Assert.Equal(1602, entry.GetProperty("fields").GetProperty("Dropped").GetInt64());
        Assert.False(entry.GetProperty("fields").TryGetProperty("{OriginalFormat}", out _));
    }

    [Fact]
    public void Write_WithException_TypeOnly_NoMessageNoStack_LineBreaksEscaped()
    {
        Exception thrown;
        try
        {
            throw new IOException("secret path /etc/g6/token");
        }
        catch (IOException ex)
        {
            thrown = ex;
        }

        var entry = FormatOne("Microsoft.AspNetCore.Server.Kestrel", new EventId(13), LogLevel.Error, "line one\nline two", thrown, (s, _) => s);

        Assert.Equal("IOException", entry.GetProperty("exception_type").GetString());
        Assert.Equal("line one\nline two", entry.GetProperty("message").GetString());
        Assert.DoesNotContain("secret path", entry.GetRawText(), StringComparison.Ordinal);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Stream {StreamId} fell {Dropped} events behind")]
    private static partial void LogOverflow(ILogger logger, long streamId, long dropped);

    /// <summary>Runs entries through the formatter as the console logger would (same state objects).</summary>
    private sealed class CapturingJsonLoggerProvider : ILoggerProvider
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingJsonLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var json = new OperatorJsonConsoleFormatter(new FakeTimeProvider(Now));
                using var writer = new StringWriter();
                json.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), null, writer);
                provider.Lines.Add(writer.ToString().TrimEnd());
            }
        }
    }
}
