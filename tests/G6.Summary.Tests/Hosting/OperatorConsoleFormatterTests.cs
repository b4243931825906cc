using G6.Summary.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace G6.Summary.Tests.Hosting;

public sealed class OperatorConsoleFormatterTests
{
    private static string Format(string category, int eventId, LogLevel level, string message, Exception? exception)
    {
        var formatter = new OperatorConsoleFormatter();
        using var writer = new StringWriter();
        var entry = new LogEntry<string>(level, category, new EventId(eventId), message, exception, (state, _) => state);
        formatter.Write(entry, null, writer);
        return writer.ToString();
    }

    private static Exception Thrown()
    {
        try
        {
            throw new IOException("secret path /etc/g6/token", new InvalidOperationException("inner detail"));
        }
        catch (IOException ex)
        {
            return ex;
        }
    }

    [Fact]
    public void Write_EntryWithException_EndsInTheTypeNameOnly_NoMessageNoStack()
    {
        var line = Format("Microsoft.AspNetCore.Server.Kestrel", 13, LogLevel.Error, "Connection failed", Thrown());

        Assert.EndsWith("fail: Microsoft.AspNetCore.Server.Kestrel[13] Connection failed (IOException)" + Environment.NewLine, line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret path", line, StringComparison.Ordinal);
        Assert.DoesNotContain("inner detail", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MessageWithLineBreaks_StaysOneLine()
    {
        var line = Format("G6.Summary.Test", 1, LogLevel.Warning, "first\nsecond\r\nthird", null);

        Assert.Single(line.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("warn: G6.Summary.Test[1] first second  third", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HostStartFailure_LeftToServeWhichReportsItInOneLine()
    {
        Assert.Empty(Format("Microsoft.Extensions.Hosting.Internal.Host", 11, LogLevel.Error, "Hosting failed to start", Thrown()));
        Assert.NotEmpty(Format("Microsoft.Extensions.Hosting.Internal.Host", 9, LogLevel.Error, "BackgroundService failed", Thrown()));
    }
}
