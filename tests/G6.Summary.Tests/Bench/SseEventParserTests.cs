using System.Text;
using G6.Summary.Bench.Harness;

namespace G6.Summary.Tests.Bench;

public sealed class SseEventParserTests
{
    private const string Stream =
        "retry: 3000\r\n\r\n" +
        ": keepalive\n\n" +
        "id: e-1\r\nevent: hello\r\ndata: {\"seq\":1}\r\n\r\n" +
        "event: panel_update\rdata: {\"a\":\r\rdata: 1}\r\r" +
        "data:no-space\n\n" +
        "event: custom_thing\ndata\ndata: x\n\n" +
        "event: bye\nid: 9\n\n";

    private static readonly (string Type, string Data)[] Expected =
    [
        ("hello", "{\"seq\":1}"),
        ("panel_update", "{\"a\":"),
        ("message", "1}"),
        ("message", "no-space"),
        ("custom_thing", "\nx"),
    ];

    [Fact]
    public void Feed_WholeStream_DispatchesEachEventWithTypeAndData()
    {
        Assert.Equal(Expected, Parse([Encoding.UTF8.GetBytes(Stream)]));
    }

    [Fact]
    public void Feed_SplitAtEveryPossibleByte_GivesTheSameEvents()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            Assert.Equal(Expected, Parse([bytes[..cut], bytes[cut..]]));
        }
    }

    [Fact]
    public void Feed_OneByteAtATime_GivesTheSameEvents()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        Assert.Equal(Expected, Parse(bytes.Select(b => new[] { b }).ToArray()));
    }

    [Fact]
    public void Feed_CrLfSplitBetweenReads_IsOneLineBreak()
    {
        // "data: a\r" | "\n\r\n": had the LF been taken for a second (blank) line, "a" would be
        // dispatched before the real blank line, and then a second, empty, event would not exist either;
        // what shows the difference is the event after it keeping its own data.
        var events = Parse([Encoding.UTF8.GetBytes("data: a\r"), Encoding.UTF8.GetBytes("\ndata: b\r\n\r\n")]);
        Assert.Equal([("message", "a\nb")], events);
    }

    [Fact]
    public void Feed_IncompleteEvent_IsNotDispatched()
    {
        Assert.Empty(Parse([Encoding.UTF8.GetBytes("event: hello\ndata: {}\n")]));
    }

    [Fact]
    public void Feed_EndlessLine_IsRejected()
    {
        var parser = new SseEventParser((_, _) => { });
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        Assert.Throws<InvalidDataException>(() =>
        {
            for (var i = 0; i <= SseEventParser.MaxLineBytes / chunk.Length; i++)
            {
                parser.Feed(chunk);
            }
        });
    }

    private static List<(string Type, string Data)> Parse(byte[][] reads)
    {
        var events = new List<(string, string)>();
        var parser = new SseEventParser((type, data) => events.Add((type, Encoding.UTF8.GetString(data))));
        foreach (var read in reads)
        {
            parser.Feed(read);
        }

        return events;
    }
}
